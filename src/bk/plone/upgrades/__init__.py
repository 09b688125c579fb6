"""Upgrade steps of bk.plone, one module per profile version."""
