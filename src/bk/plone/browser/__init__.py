def form_text(form, name: str, default: str = "") -> str:
    """A request value as text; a list (name:list) or an upload counts as nothing."""
    value = form.get(name, default)
    return value if isinstance(value, str) else ""
