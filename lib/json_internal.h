/* SPDX-License-Identifier: MIT */
/*
 * json_internal.h: the reader's state, shared by json.c (tokens and
 * structure) and json_value.c (what the caller reads from an event).
 */
#ifndef ADC_JSON_INTERNAL_H
#define ADC_JSON_INTERNAL_H

#include "diag.h"

/* Raw key bytes kept per level for JSON pointers in diagnostics; longer
 * keys are cut and shown with "...". */
#define JSON_KEY_KEEP	120

/* Duplicate-key sets: at most this many keys are tracked per reader. */
#define JSON_DUP_BUDGET	(1u << 18)

/* What the next call to adc_json_next expects. */
enum json_state {
	JS_TOP = 0,	/* the top-level value */
	JS_DONE,	/* only whitespace until the end */
	JS_OBJ_FIRST,	/* a key or '}' just after '{' */
	JS_OBJ_COLON,	/* ':' and a value after a key */
	JS_OBJ_NEXT,	/* ',' or '}' after a member */
	JS_ARR_FIRST,	/* a value or ']' just after '[' */
	JS_ARR_NEXT,	/* ',' or ']' after an element */
	JS_FAILED
};

/* Open-addressing set of 64-bit key hashes, one per open object. */
struct json_keyset {
	uint64_t	*slot;		/* 0 marks an empty slot */
	size_t		 cap;		/* power of two, or 0 */
	size_t		 n;
};

/* An open container. Its current key stays where it was read,
 * buf[key_at..], until a refill would move it; only then is it copied to
 * key[] (key_held), so reading a buffer never copies keys. */
struct json_level {
	bool		 is_object;
	bool		 has_key;
	bool		 key_held;	/* key[] holds it, not buf[key_at] */
	bool		 key_cut;	/* key longer than JSON_KEY_KEEP */
	unsigned short	 key_len;	/* at most JSON_KEY_KEEP */
	size_t		 key_at;
	int64_t		 index;		/* array: current element, -1 first */
	struct json_keyset keys;
	char		 key[JSON_KEY_KEEP];	/* raw, escapes intact */
};

/* cur when no event's text is available (after a skip). */
#define JSON_EV_NONE	(-1)

struct adc_json_reader {
	/* Input: buf[0..lim) is what we hold; buf[0] is input byte base. */
	int		 fd;		/* -1 for buffer input */
	const unsigned char *buf;
	unsigned char	*own;		/* the window, for fd input */
	size_t		 cap;		/* size of own */
	size_t		 cap_max;	/* own may grow to this for tokens */
	size_t		 lim;
	size_t		 pos;		/* scan position */
	uint64_t	 base;
	bool		 eof;		/* nothing follows buf[lim - 1] */

	/* Lines: newlines only occur between tokens, where we count them. */
	unsigned long	 line;
	uint64_t	 line_start;	/* offset of the current line */
	/* Bytes of the line so far beyond their UTF-16 code units: what
	 * turns a byte column into SARIF's column. */
	uint64_t	 line_extra;

	/* The current event and its token buf[tok..tok + tok_len). */
	int		 cur;		/* enum adc_json_event or NONE */
	bool		 replay;	/* next() gives cur again */
	size_t		 tok;
	size_t		 tok_len;
	uint64_t	 tok_off;	/* input offset of a string's quote */
	bool		 tok_escaped;	/* a string with backslashes */
	bool		 dup;
	bool		 text_ready;	/* text holds the current string */
	struct adc_json_pos ev_pos;

	/* Structure. */
	enum json_state	 state;
	unsigned	 depth;
	struct json_level *levels;	/* levels[0..depth) are open */
	unsigned	 n_levels;	/* allocated */
	bool		 skipping;	/* inside adc_json_skip */
	size_t		 dup_total;	/* keys held by every keyset */

	/* Unescaped text of the current string, NUL-terminated. */
	char		*text;
	size_t		 text_cap;
	size_t		 text_len;

	struct adc_json_options opt;
	struct adc_diag	 diag;
};

/* Write the unescaped form of validated string content src[0..n) to
 * dst (room for n bytes at least); returns the length. Stops cleanly at
 * an escape cut short by the end of src. */
size_t adc_json_unescape(const unsigned char *src, size_t n, char *dst);

/* Record a failure of the current document at buf index idx. */
enum adc_status adc_json_fail(struct adc_json_reader *r, size_t idx,
    enum adc_status status, const char *fmt, ...) ADC_PRINTF(4, 5);

/* Give the current event again at the next adc_json_next, as if it had
 * not been read: a caller that looked at the first event of a value can
 * hand the value on to code that reads it whole. adc_json_skip then
 * skips that value. Does nothing after ERROR or EOF. */
void adc_json_replay(struct adc_json_reader *r);

/* Add the current key to its object's set; true when it was there. */
bool adc_json_note_key(struct adc_json_reader *r);

/* The current key or string (the caller has checked the event) without
 * the copy adc_json_string makes: the raw bytes when the string has no
 * escapes, then not NUL-terminated and valid until the next event. The
 * importer compares every key and copies every string it keeps, so the
 * copy into r->text would be paid twice. NULL when out of memory. */
static inline const char *
adc_json_view(struct adc_json_reader *r, size_t *len)
{
	if (r->tok_escaped)
		return adc_json_string(r, len);
	*len = r->tok_len - 2;
	return (const char *)r->buf + r->tok + 1;
}

#endif
