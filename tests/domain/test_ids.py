import uuid

from hamm_field.domain.ids import uuid7


def test_uuid7_has_version_7_and_rfc_variant():
    value = uuid.UUID(uuid7())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_uuid7_sorts_by_creation_time():
    earlier, later = uuid7(1_700_000_000_000), uuid7(1_700_000_000_001)
    assert earlier < later


def test_uuid7_is_unique_within_one_millisecond():
    assert len({uuid7(1_700_000_000_000) for _ in range(10_000)}) == 10_000
