"""The guidance site: Markdown pages generated from the schema, the rule catalogue and a fictional
sample dossier, then ``mkdocs build --strict``.

Nothing here reads ``dossiers/``: the site is built only from the schema, the rules, ``docs/`` and
the sample shipped with the package (DESIGN.md section 7). The generated pages are plain Markdown
(no MkDocs plugin needed) and are written into a work folder together with a copy of ``docs/``,
never into the repository. Every value taken from the schema, the rules or the sample is escaped
(:mod:`hoso.escape`), so no text becomes markup.

- :mod:`hoso.site.page` — where the pages go, their frame, links and small shared values;
- :mod:`hoso.site.items` — the item guide, one page per item, from the schema (:mod:`hoso.form`);
- :mod:`hoso.site.rules` — the rule catalogue's page, and each rule as Markdown;
- :mod:`hoso.site.sample` — the fictional sample's page;
- :mod:`hoso.site.build` — the work folder, the configuration and ``mkdocs build``;
- :mod:`hoso.site.mkdocs_ahead`, :mod:`hoso.site.mkdocs_hooks` — the mkdocs process started
  ahead, and what the build adds to it (compiled templates kept, search without diacritics).

The names below are imported on first use: the process that runs mkdocs ahead imports this
package and none of the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hoso.site.build import (
        SiteResult,
        build_site,
        generate_pages,
        load_schema,
        site_config,
    )
    from hoso.site.items import (
        ItemGroup,
        ItemIndex,
        item_groups,
        item_page,
        items_index_page,
    )
    from hoso.site.page import (
        ITEMS_DIR,
        ITEMS_INDEX,
        RULES_PAGE,
        SAMPLE_DIR,
        SAMPLE_NAME,
        SAMPLE_PAGE,
        Page,
        code_or_text,
        slug,
        yaml_text,
    )
    from hoso.site.rules import (
        CONFIDENCE,
        RuleDoc,
        apply_patch,
        catalogue_markdown,
        describe_patch,
        load_rules,
        normalise_rule,
        parse_path,
        rule_markdown,
        rules_page,
    )
    from hoso.site.sample import (
        default_sample,
        format_value,
        sample_data,
        sample_page,
    )

#: name → the module that defines it.
_HOME = {
    "SiteResult": "hoso.site.build",
    "build_site": "hoso.site.build",
    "generate_pages": "hoso.site.build",
    "load_schema": "hoso.site.build",
    "site_config": "hoso.site.build",
    "ItemGroup": "hoso.site.items",
    "ItemIndex": "hoso.site.items",
    "item_groups": "hoso.site.items",
    "item_page": "hoso.site.items",
    "items_index_page": "hoso.site.items",
    "ITEMS_DIR": "hoso.site.page",
    "ITEMS_INDEX": "hoso.site.page",
    "RULES_PAGE": "hoso.site.page",
    "SAMPLE_DIR": "hoso.site.page",
    "SAMPLE_NAME": "hoso.site.page",
    "SAMPLE_PAGE": "hoso.site.page",
    "Page": "hoso.site.page",
    "code_or_text": "hoso.site.page",
    "slug": "hoso.site.page",
    "yaml_text": "hoso.site.page",
    "CONFIDENCE": "hoso.site.rules",
    "RuleDoc": "hoso.site.rules",
    "apply_patch": "hoso.site.rules",
    "catalogue_markdown": "hoso.site.rules",
    "describe_patch": "hoso.site.rules",
    "load_rules": "hoso.site.rules",
    "normalise_rule": "hoso.site.rules",
    "parse_path": "hoso.site.rules",
    "rule_markdown": "hoso.site.rules",
    "rules_page": "hoso.site.rules",
    "default_sample": "hoso.site.sample",
    "format_value": "hoso.site.sample",
    "sample_data": "hoso.site.sample",
    "sample_page": "hoso.site.sample",
}

__all__ = [
    "CONFIDENCE",
    "ITEMS_DIR",
    "ITEMS_INDEX",
    "RULES_PAGE",
    "SAMPLE_DIR",
    "SAMPLE_NAME",
    "SAMPLE_PAGE",
    "ItemGroup",
    "ItemIndex",
    "Page",
    "RuleDoc",
    "SiteResult",
    "apply_patch",
    "build_site",
    "catalogue_markdown",
    "code_or_text",
    "default_sample",
    "describe_patch",
    "format_value",
    "generate_pages",
    "item_groups",
    "item_page",
    "items_index_page",
    "load_rules",
    "load_schema",
    "normalise_rule",
    "parse_path",
    "rule_markdown",
    "rules_page",
    "sample_data",
    "sample_page",
    "site_config",
    "slug",
    "yaml_text",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value
