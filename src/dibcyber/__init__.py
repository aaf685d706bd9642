"""dibcyber: self-assessment against 防衛産業サイバーセキュリティ基準 and NIST SP 800-171."""

__version__ = "0.1.0"
