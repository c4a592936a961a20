"""Sync: erasures that travel, the import ledger, the conflict queue, enrolments.

Revision ID: 0004
Revises: 0003

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('enrolment',
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('worker_id', sa.String(), nullable=False),
    sa.Column('secret', sa.String(), nullable=False),
    sa.Column('created_on', sa.String(), nullable=False),
    sa.Column('used_on', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('device_id')
    )
    op.create_table('erasure',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('subject_table', sa.String(), nullable=False),
    sa.Column('subject_id', sa.String(), nullable=False),
    sa.Column('issued_on', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_subject_id'), ['subject_id'], unique=False)

    op.create_table('package_ledger',
    sa.Column('package_id', sa.String(), nullable=False),
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('hlc_from', sa.Integer(), nullable=False),
    sa.Column('hlc_to', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('received_at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('package_id')
    )
    with op.batch_alter_table('package_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_package_ledger_device_id'), ['device_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('record_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('winner_value', sa.JSON(), nullable=False),
    sa.Column('winner_hlc', sa.Integer(), nullable=False),
    sa.Column('winner_device', sa.String(), nullable=False),
    sa.Column('loser_value', sa.JSON(), nullable=False),
    sa.Column('loser_hlc', sa.Integer(), nullable=False),
    sa.Column('loser_device', sa.String(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_record_id'), ['record_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_record_id'))

    op.drop_table('sync_conflict')
    with op.batch_alter_table('package_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_package_ledger_device_id'))

    op.drop_table('package_ledger')
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_subject_id'))
        batch_op.drop_index(batch_op.f('ix_erasure_hlc'))

    op.drop_table('erasure')
    op.drop_table('enrolment')
