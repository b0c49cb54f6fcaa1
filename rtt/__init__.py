"""What the ingest, the report and the bench share: where things live (config), the error every
command stops with (errors), months (months), opening the warehouse (warehouse) and the shape of
a command-line entry point (command)."""
