"""Initial schema: the tables of DOMAIN.md with per-field sync stamps.

Revision ID: 0001
Revises:

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('audit_entry',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('worker_id', sa.String(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('record_id', sa.String(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(), nullable=False),
    sa.Column('hash', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('local_state',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('master_item',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('parent', sa.String(), nullable=True),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'key')
    )
    with op.batch_alter_table('master_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_master_item_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_master_item_kind'), ['kind'], unique=False)

    op.create_table('worker',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('team', sa.String(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worker_hlc'), ['hlc'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('worker_id', sa.String(length=36), nullable=True),
    sa.Column('signing_public', sa.String(), nullable=True),
    sa.Column('encryption_public', sa.String(), nullable=True),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_device_worker_id'), ['worker_id'], unique=False)

    op.create_table('household',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('family_name', sa.String(), nullable=False),
    sa.Column('pseudonym', sa.Boolean(), nullable=False),
    sa.Column('sozialraum', sa.String(), nullable=False),
    sa.Column('address', sa.String(), nullable=True),
    sa.Column('herkunftsland', sa.String(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('pakete', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('worker_id', sa.String(length=36), nullable=True),
    sa.Column('referral', sa.String(), nullable=True),
    sa.Column('first_contact', sa.Date(), nullable=True),
    sa.Column('search_text', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_worker_id'), ['worker_id'], unique=False)

    op.create_table('case_phase',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.Integer(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('worker_id', sa.String(length=36), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_phase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_phase_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_phase_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_phase_worker_id'), ['worker_id'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.String(length=36), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('paket', sa.Integer(), nullable=True),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('institution', sa.String(), nullable=True),
    sa.Column('sozialraum', sa.String(), nullable=False),
    sa.Column('place', sa.String(), nullable=True),
    sa.Column('language', sa.String(), nullable=True),
    sa.Column('outcome', sa.String(), nullable=True),
    sa.Column('follow_up', sa.Date(), nullable=True),
    sa.Column('follow_up_done', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(), nullable=True),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_follow_up'), ['follow_up'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_worker_id'), ['worker_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('given_name', sa.String(), nullable=False),
    sa.Column('family_name', sa.String(), nullable=False),
    sa.Column('name_latin', sa.String(), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('relation', sa.String(), nullable=False),
    sa.Column('school', sa.String(), nullable=True),
    sa.Column('school_class', sa.String(), nullable=True),
    sa.Column('insurance', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_household_id'), ['household_id'], unique=False)

    op.create_table('consent',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('scope_documentation', sa.Boolean(), nullable=False),
    sa.Column('scope_sharing', sa.Boolean(), nullable=False),
    sa.Column('form_language', sa.String(), nullable=False),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_person_id'), ['person_id'], unique=False)

    op.create_table('goal',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('handlungsfeld', sa.String(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('review_notes', sa.String(), nullable=True),
    sa.Column('worker_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goal_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_worker_id'), ['worker_id'], unique=False)

    op.create_table('observation',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('school_attendance', sa.String(), nullable=True),
    sa.Column('u_status', sa.String(), nullable=True),
    sa.Column('concern', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=True),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_person_id'), ['person_id'], unique=False)

    op.create_table('starterpaket_handout',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('created_hlc', sa.Integer(), nullable=False),
    sa.Column('created_device', sa.String(length=36), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('deleted_hlc', sa.Integer(), nullable=True),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('worker_id', sa.String(length=36), nullable=True),
    sa.Column('edition', sa.String(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('recipient_person_id', sa.String(length=36), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['recipient_person_id'], ['person.id'], initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['worker_id'], ['worker.id'], initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('starterpaket_handout', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_starterpaket_handout_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_starterpaket_handout_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_starterpaket_handout_recipient_person_id'), ['recipient_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_starterpaket_handout_worker_id'), ['worker_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('starterpaket_handout', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_starterpaket_handout_worker_id'))
        batch_op.drop_index(batch_op.f('ix_starterpaket_handout_recipient_person_id'))
        batch_op.drop_index(batch_op.f('ix_starterpaket_handout_household_id'))
        batch_op.drop_index(batch_op.f('ix_starterpaket_handout_hlc'))

    op.drop_table('starterpaket_handout')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_person_id'))
        batch_op.drop_index(batch_op.f('ix_observation_household_id'))
        batch_op.drop_index(batch_op.f('ix_observation_hlc'))
        batch_op.drop_index(batch_op.f('ix_observation_author_id'))

    op.drop_table('observation')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_worker_id'))
        batch_op.drop_index(batch_op.f('ix_goal_person_id'))
        batch_op.drop_index(batch_op.f('ix_goal_household_id'))
        batch_op.drop_index(batch_op.f('ix_goal_hlc'))

    op.drop_table('goal')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_person_id'))
        batch_op.drop_index(batch_op.f('ix_consent_household_id'))
        batch_op.drop_index(batch_op.f('ix_consent_hlc'))

    op.drop_table('consent')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_household_id'))
        batch_op.drop_index(batch_op.f('ix_person_hlc'))

    op.drop_table('person')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_worker_id'))
        batch_op.drop_index(batch_op.f('ix_contact_kind'))
        batch_op.drop_index(batch_op.f('ix_contact_household_id'))
        batch_op.drop_index(batch_op.f('ix_contact_hlc'))
        batch_op.drop_index(batch_op.f('ix_contact_follow_up'))
        batch_op.drop_index(batch_op.f('ix_contact_date'))

    op.drop_table('contact')
    with op.batch_alter_table('case_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_phase_worker_id'))
        batch_op.drop_index(batch_op.f('ix_case_phase_household_id'))
        batch_op.drop_index(batch_op.f('ix_case_phase_hlc'))

    op.drop_table('case_phase')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_worker_id'))
        batch_op.drop_index(batch_op.f('ix_household_hlc'))

    op.drop_table('household')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_worker_id'))
        batch_op.drop_index(batch_op.f('ix_device_hlc'))

    op.drop_table('device')
    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worker_hlc'))

    op.drop_table('worker')
    with op.batch_alter_table('master_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_master_item_kind'))
        batch_op.drop_index(batch_op.f('ix_master_item_hlc'))

    op.drop_table('master_item')
    op.drop_table('local_state')
    op.drop_table('audit_entry')
