pytest_plugins = ["fixtures.nlp", "fixtures.kafka", "fixtures.worker", "fixtures.prometheus", "fixtures.feeds"]
