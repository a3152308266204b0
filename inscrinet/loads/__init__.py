"""M4 chargements: the file formats the DEC loads (documented in docs/formats/), each read
line by line, checked as a whole before anything is written, and applied by natural key."""
