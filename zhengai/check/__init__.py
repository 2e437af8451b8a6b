"""The checks: the rule registry and rule modules, and the run that applies zhengai.yaml's settings."""
