"""Briefing pack: PDF briefings for the district or a municipality, built from the
dashboard's own query and figure functions, with a "changes since" section and
an archive index that records the data date and database build of every file.
"""
