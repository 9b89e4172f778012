"""The archive in other tools' formats: Parquet for analysts, WARC (out and in) for web archives."""
