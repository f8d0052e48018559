"""The application: the command line, finding and reading files, workers, the results cache,
output formats, baselines and progress. The only layer that prints or writes seed files."""
