# RDS instance for the ledger
resource "aws_db_instance" "ledger" {
  engine   = "postgres"
  username = "ledger"
  # ruleid: no-hardcoded-secrets
  password = "{{fake:password.4}}"
}

resource "aws_db_instance" "ledger_replica" {
  # ok: no-hardcoded-secrets
  password = var.ledger_password
}
