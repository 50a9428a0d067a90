/*
 * jsonget.c - prints values from a JSON document, for the shell tests.
 *
 *     jsonget FILE PATH...        (FILE "-" = standard input)
 *
 * Prints one line per PATH.  A path is a list of steps separated by dots,
 * taken from the top of the document:
 *   name         the member `name` of an object
 *   3            element 3 (from 0) of an array
 *   key=value    the first element of an array that is an object whose
 *                member `key` is the string `value` (data.columns.name=mrr)
 *   #            the number of elements of an array or members of an object
 * Strings print as their raw bytes (UTF-8 untouched, no quotes), numbers as
 * integers or with %.17g (enough to read back the same double), true/false,
 * null, and objects and arrays as compact JSON.  A path that does not exist
 * prints nothing for that path, says so on stderr, and makes the exit
 * status 1; an unreadable or malformed document exits 2.
 *
 * The shell tests compare these lines with values worked out by hand, so
 * no test needs python or jq (neither is on a fresh Debian 12).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the whole stream into a new NUL-terminated buffer. */
static char *slurp(FILE *f)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	if (buf == NULL)
		return NULL;
	for (;;) {
		size_t n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
		if (cap - len - 1 == 0) {
			char *b = realloc(buf, cap * 2);
			if (b == NULL) {
				free(buf);
				return NULL;
			}
			buf = b;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* 1 when s is a non-empty run of decimal digits. */
static int is_index(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Takes one step `s` from `cur` (not NULL) into *out (NULL = a JSON null);
 * returns 0 when the step leads nowhere.  A step "#" leaves the count in
 * *count instead. */
static int step(json_object *cur, const char *s, json_object **out, long *count)
{
	const char *eq = strchr(s, '=');

	*out = NULL;
	if (strcmp(s, "#") == 0) {
		if (json_object_is_type(cur, json_type_array))
			*count = (long)json_object_array_length(cur);
		else if (json_object_is_type(cur, json_type_object))
			*count = (long)json_object_object_length(cur);
		else
			return 0;
		return 1;
	}
	if (json_object_is_type(cur, json_type_object))
		return json_object_object_get_ex(cur, s, out) != 0;
	if (!json_object_is_type(cur, json_type_array))
		return 0;
	size_t n = json_object_array_length(cur);
	if (is_index(s)) {
		size_t k = strtoul(s, NULL, 10);
		if (k >= n)
			return 0;
		*out = json_object_array_get_idx(cur, k);
		return 1;
	}
	if (eq == NULL || (size_t)(eq - s) >= 256)
		return 0;
	char key[256];
	memcpy(key, s, (size_t)(eq - s));
	key[eq - s] = '\0';
	for (size_t k = 0; k < n; k++) {
		json_object *e = json_object_array_get_idx(cur, k), *v;
		if (json_object_is_type(e, json_type_object) &&
		    json_object_object_get_ex(e, key, &v) &&
		    json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(v), eq + 1) == 0) {
			*out = e;
			return 1;
		}
	}
	return 0;
}

/* Looks up `path`; prints the value and returns 1, or returns 0. */
static int get(json_object *root, const char *path)
{
	char *p = strdup(path), *save = NULL;
	json_object *cur = root;
	long count = -1;
	int found = 1;

	if (p == NULL)
		return 0;
	for (char *s = strtok_r(p, ".", &save); s != NULL; s = strtok_r(NULL, ".", &save)) {
		/* Nothing follows '#', and null has no members. */
		if (count >= 0 || cur == NULL || !step(cur, s, &cur, &count)) {
			found = 0;
			break;
		}
	}
	free(p);
	if (!found)
		return 0;
	if (count >= 0)
		printf("%ld\n", count);
	else if (cur == NULL)
		puts("null");
	else if (json_object_is_type(cur, json_type_string))
		printf("%s\n", json_object_get_string(cur));
	else if (json_object_is_type(cur, json_type_int))
		printf("%lld\n", (long long)json_object_get_int64(cur));
	else if (json_object_is_type(cur, json_type_double))
		printf("%.17g\n", json_object_get_double(cur));
	else
		printf("%s\n", json_object_to_json_string_ext(cur, JSON_C_TO_STRING_PLAIN));
	return 1;
}

int main(int argc, char **argv)
{
	FILE *f;
	char *text;
	json_object *root;
	enum json_tokener_error jerr = json_tokener_success;
	int rc = 0;

	if (argc < 3) {
		fputs("usage: jsonget FILE PATH...\n", stderr);
		return 2;
	}
	f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "rb");
	if (f == NULL) {
		fprintf(stderr, "jsonget: cannot open %s\n", argv[1]);
		return 2;
	}
	text = slurp(f);
	if (f != stdin)
		fclose(f);
	if (text == NULL) {
		fprintf(stderr, "jsonget: cannot read %s\n", argv[1]);
		return 2;
	}
	root = json_tokener_parse_verbose(text, &jerr);
	free(text);
	if (jerr != json_tokener_success) {
		fprintf(stderr, "jsonget: %s: not JSON (%s)\n", argv[1],
		        json_tokener_error_desc(jerr));
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (!get(root, argv[i])) {
			fprintf(stderr, "jsonget: %s: no value at %s\n", argv[1], argv[i]);
			rc = 1;
		}
	json_object_put(root);
	return rc;
}
