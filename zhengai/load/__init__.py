"""Files → models: strict YAML reading, validation messages, the repository index, the init scaffold."""
