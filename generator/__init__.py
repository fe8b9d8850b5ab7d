"""paperfeed: research-paper listings in, a static MkDocs site and RSS/Atom feeds out.

The pipeline reads as read -> model -> render -> write; `generator.build` is the recipe.
"""

__version__ = "0.1.0"
