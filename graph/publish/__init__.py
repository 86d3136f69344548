"""Stage 7, publishing: the graph files, the dataset description, the ontology release, the term
docs, and the output folder they are swapped into."""
