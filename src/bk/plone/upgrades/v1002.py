"""1001 → 1002: the holes an outside attacker found (issue 12)."""

from plone import api


def update_role_mappings(context):
    """Existing resolutions and reports take the new permissions of their workflows
    (the decided text's write permission, sharing by the mayor's office only)."""
    api.portal.get_tool("portal_workflow").updateRoleMappings()
