"""The encrypted SQLCipher store: engine, key file, migrations, versions, audit, queries."""
