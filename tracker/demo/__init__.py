"""Demo data drawn only from the seed texts in ``shared/seeds``."""
