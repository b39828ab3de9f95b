"""Officers' duty: status derived from duty events, and the premature-reinstatement flag."""
