"""The built-in lenses, one module each. They register themselves on import;
:mod:`analysis.compare.lens` imports them when a lens is first asked for."""
