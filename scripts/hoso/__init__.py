"""hoso — Party-admission dossiers (Mẫu 2-KNĐ) kept as YAML in git."""

__version__ = "0.1.0"
