"""The letter importer: reads letters (plain text, Word, PDF), parses them into a
resolution with its points, and imports them as issued reports."""
