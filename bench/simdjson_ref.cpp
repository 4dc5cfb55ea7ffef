// SPDX-License-Identifier: MIT
// simdjson_ref.cpp: the reference for bench/json-bench.sh. Loads a file
// with simdjson's DOM parser and walks every value, counting values and
// string bytes, so its time covers a full read like ours.
#include <cstdio>
#include <cstdint>

#include <simdjson.h>

struct counts {
	uint64_t values = 0;
	uint64_t string_bytes = 0;
};

static void
walk(simdjson::dom::element e, counts &c)
{
	c.values++;
	switch (e.type()) {
	case simdjson::dom::element_type::ARRAY:
		for (simdjson::dom::element child : e.get_array())
			walk(child, c);
		break;
	case simdjson::dom::element_type::OBJECT:
		for (simdjson::dom::key_value_pair kv : e.get_object()) {
			c.string_bytes += kv.key.size();
			walk(kv.value, c);
		}
		break;
	case simdjson::dom::element_type::STRING:
		c.string_bytes += std::string_view(e.get_string()).size();
		break;
	default:
		break;
	}
}

int
main(int argc, char **argv)
{
	simdjson::dom::parser parser;
	simdjson::dom::element doc;
	counts c;

	if (argc != 2) {
		std::fprintf(stderr, "usage: simdjson_ref FILE\n");
		return 2;
	}
	auto error = parser.load(argv[1]).get(doc);
	if (error) {
		std::fprintf(stderr, "%s: %s\n", argv[1],
		    simdjson::error_message(error));
		return 1;
	}
	walk(doc, c);
	std::printf("simdjson: %llu values, %llu string bytes\n",
	    (unsigned long long)c.values,
	    (unsigned long long)c.string_bytes);
	return 0;
}
