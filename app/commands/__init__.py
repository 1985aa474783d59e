"""The command-line subcommands, one module each; app/cli.py assembles them."""
