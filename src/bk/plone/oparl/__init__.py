"""OParl 1.1, the open standard API of German council information systems: the
control status of resolutions published as OParl `Paper` objects with `bk:`
extension keys (the import from a council system follows)."""
