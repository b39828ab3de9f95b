"""Open data shared by the downloads and the JSON API: what each kind publishes, and how."""
