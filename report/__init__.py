"""After a build: exports of every mart for BI tools, an HTML report, and a terminal summary."""
