"""Validation, in the order ``hoso check`` runs it.

- :mod:`hoso.validate.options` — what a check is asked to do (:class:`CheckOptions`);
- :mod:`hoso.validate.schema` — the JSON Schema: structure, closed lists, formats;
- :mod:`hoso.validate.rules` — the admission rules the schema cannot express;
- :mod:`hoso.validate.check` — the pipeline: load → schema → rules for every dossier.
"""
