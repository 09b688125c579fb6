"""What several test folders share: the seed letter and its resolution (seed),
letters written the ways cities write them (letters), steps through the site's
pages (web) and the SMTP server's inbox (mail). Fixtures live in conftest.py files
up the tree; test modules never import each other."""
