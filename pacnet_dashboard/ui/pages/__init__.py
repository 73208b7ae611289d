"""One file per page; `app.py` lists them. Each reads like a description of its screen."""
