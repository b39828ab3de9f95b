"""What every record kind shares: titles and slugs, revision history, the publish workflow."""
