"""Reports for the council: the committee's control list (Beschlusskontrollliste),
built from the site's content, rendered through the letter's document machinery,
issued and frozen as a ControlListReport."""
