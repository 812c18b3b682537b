/* paste.c - see paste.h.
 *
 * The shapes are goroutine-dump lines as grammar/goroutine-dump.ebnf writes them, each also
 * read as far as a wrap may have cut it: a line a terminal or chat client wrapped is the start
 * of one of these, and the piece below it is no line of its own. Tell-tales a shape keeps
 * (a function line's name holds no blank, its arguments no letter past 'f' but 'x') are
 * what keeps a line the grammar knows from being taken for a piece.
 */
#include "paste.h"

#include <stdint.h>
#include <string.h>

#include "header.h"
#include "scan.h"


enum { NO = 0, PART = 1, WHOLE = 2 };

/* A byte of a function's name: Go symbols ("net/http.(*conn).serve", "main.Map[...]",
 * "gopkg.in/yaml%2ev3.f", "main.(*T).M-fm", "type:.eq.T") and UTF-8. */
static int name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || (c != 0 && strchr("_./*[]-%$~+:@", c) != NULL);
}

static int name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* args = { HEX | "x" | "?" | "_" | "." | "," | " " | "{" | "}" }  ("0xc000012345?, {0x1, ...}") */
static int args_byte(char c)
{
	return scan_is_hex(c) || c == 'x' || c == '?' || c == '_' || c == '.' || c == ',' ||
	       c == ' ' || c == '{' || c == '}';
}

/* funcline = NAME "(" args ")"
 * NAME     = NAME_START { NAME_BYTE | "(" { NAME_BYTE } ")" }     ("main.(*T).M",
 *            "main.(*T).(main.f)-fm": a group with more name after it)
 * A "(" whose group ends the line, or holds a byte no name has, opens the arguments. */
static int func_shape(const char *s, size_t n)
{
	size_t i, j = 0;

	if (n == 0 || !name_start((unsigned char)s[0]))
		return NO;
	for (i = 0; i < n; i++) {
		if (s[i] == '(') {
			for (j = i + 1; j < n && s[j] != ')' && name_byte((unsigned char)s[j]); j++)
				;
			if (j == n)
				return PART;
			if (s[j] != ')' || j + 1 == n)
				break;
			i = j;
		} else if (!name_byte((unsigned char)s[i])) {
			return NO;
		}
	}
	if (i == n)
		return PART;
	for (i++; i < n; i++) {
		if (s[i] == ')')
			return i + 1 == n ? WHOLE : NO;
		if (!args_byte(s[i]))  /* "main.(*T)": cut after a receiver, or no function line */
			return j + 1 == n && s[j] == ')' ? PART : NO;
	}
	return PART;
}

/* How s[0..n) matches pat, where 'd' is DEC, 'h' is HEX (one or more) and any other byte is
 * itself: WHOLE when all of s is all of pat, PART when s ends inside it, else NO. */
static int match_pattern(const char *s, size_t n, const char *pat)
{
	size_t i = 0, k;

	for (; *pat; pat++) {
		if (i == n)
			return PART;
		if (*pat == 'd' || *pat == 'h') {
			for (k = i; k < n && (*pat == 'd' ? scan_is_digit(s[k]) : scan_is_hex(s[k])); k++)
				;
			if (k == i)
				return NO;
			i = k;
		} else if (s[i++] != *pat) {
			return NO;
		}
	}
	return i == n ? WHOLE : NO;
}

/* What follows a file line's PATH, from its ":":
 * tail = ":" DEC [ " +0x" HEX ] [ " fp=0x" HEX " sp=0x" HEX [ " pc=0x" HEX ] | " pc=0x" HEX ] */
static int file_tail(const char *s, size_t n)
{
	static const char *const tails[] = {
		":d", ":d +0xh", ":d +0xh fp=0xh sp=0xh pc=0xh", ":d +0xh pc=0xh",
		":d fp=0xh sp=0xh pc=0xh", ":d pc=0xh",
		/* before Go 1.5 a GOTRACEBACK=crash frame had no pc= */
		":d +0xh fp=0xh sp=0xh", ":d fp=0xh sp=0xh",
	};
	int best = NO, m;
	size_t i;

	for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		m = match_pattern(s, n, tails[i]);
		if (m > best)
			best = m;
	}
	return best;
}

/* fileline = BLANKS PATH tail | PATH tail       (the second: its indentation was lost)
 * PATH holds no tab; without the indentation, no blank and no "(" either (a function line's
 * arguments can hold a ":" and digits). Its start, cut: BLANKS alone, or BLANKS and a PATH
 * so far (no blank, and not a whole function line: a race report indents those), or any of
 * that with part of the tail. */
static int file_shape(const char *s, size_t n)
{
	size_t st = scan_skip_blanks(s, n, 0), i;
	int indented = st > 0, best = NO, blank = 0, m;

	if (st == n)
		return indented ? PART : NO;
	if (!indented && s[0] == '#')
		return NO;
	for (i = st; i < n; i++) {
		char c = s[i];

		if (c == '\t' || (!indented && (c == ' ' || c == '(')))
			return best; /* past the PATH: a tail begun before it, or nothing */
		if (c == ':' && i > st) {
			m = file_tail(s + i, n - i);
			if (m == WHOLE)
				return WHOLE;
			if (m > best)
				best = m;
		}
		blank = blank || c == ' ';
	}
	if (best == PART)
		return PART;
	/* a path so far; an indented function line (a race report's frames) is none */
	if (!blank && (indented || s[st] == '/') && func_shape(s + st, n - st) != WHOLE)
		return PART;
	return NO;
}

/* created = "created by " NAME [ " in goroutine " DEC ] */
static int created_shape(const char *s, size_t n)
{
	size_t i = sizeof("created by ") - 1;
	int m;

	if (!STARTS(s, n, "created by "))
		return NO;
	for (; i < n && s[i] != ' '; i++)
		if (!name_byte((unsigned char)s[i]) && s[i] != '(' && s[i] != ')')
			return NO;
	if (i == n)
		return i > 11 ? WHOLE : PART;
	m = match_pattern(s + i, n - i, " in goroutine d");
	return i > 11 ? m : NO;
}

/* header = "goroutine " DIGIT ... ( "]:" | "}:" ), its brackets and braces closed (quoted
 * label text aside); cut anywhere before that. */
static int header_shape(const char *s, size_t n)
{
	int depth = 0, quoted = 0;
	size_t i, e;

	if (!STARTS(s, n, "goroutine ") || n == 10 || !scan_is_digit(s[10]))
		return NO;
	for (i = 10; i < n; i++) {
		char c = s[i];

		if (quoted) {
			if (c == '\\')
				i++;
			else if (c == '"')
				quoted = 0;
		} else if (c == '"') {
			quoted = 1;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	e = scan_trim_end(s, n);
	return depth == 0 && !quoted && e >= 2 && s[e - 1] == ':' &&
	       (s[e - 2] == ']' || s[e - 2] == '}') ? WHOLE : PART;
}

/* A line can start two shapes ("example.com/m/x.go:12" is a whole file line and the start
 * of a function's name): a whole one wins, then a function line's start. */
enum paste_shape paste_shape(const char *s, size_t n, int *whole)
{
	int m, func, file;

	*whole = 0;
	if (n == 0)
		return PASTE_NONE;
	m = s[0] == 'g' ? header_shape(s, n) : NO;
	if (m) {
		*whole = m == WHOLE;
		return PASTE_HEADER;
	}
	m = s[0] == 'c' ? created_shape(s, n) : NO;
	if (m) {
		*whole = m == WHOLE;
		return PASTE_CREATED;
	}
	func = func_shape(s, n);
	file = func == WHOLE ? NO : file_shape(s, n);
	if (file == WHOLE || (file && !func)) {
		*whole = file == WHOLE;
		return PASTE_FILE;
	}
	*whole = func == WHOLE;
	return func ? PASTE_FUNC : PASTE_NONE;
}

/* known = a whole dump line (paste_shape, indented or not) | a dump header (header.h)
 *       | "#" ... | record ("N @ ...", "N: N [N: N] @ ...") | "key=value" | elision
 *       | the other lines of a crash report the grammar reads */
int paste_known(const char *s, size_t n)
{
	static const char *const starts[] = {
		"...", "[originating from goroutine ", "non-Go function", "panic: ", "fatal error: ",
		"[signal ", "SIG", "Signal ", "runtime stack:", "-----", "PC=", "exit status ",
		"runtime: ", "WARNING: DATA RACE", "==================", "[recovered",
	};
	size_t b = scan_skip_blanks(s, n, 0), i;
	int whole;

	if (b == n)
		return 1;
	if ((paste_shape(s, n, &whole) != PASTE_NONE && whole) ||
	    (b > 0 && paste_shape(s + b, n - b, &whole) != PASTE_NONE && whole))
		return 1;
	if (gs_header_kind(s + b, n - b) != GS_KIND_UNKNOWN || s[b] == '#')
		return 1;
	if (scan_is_digit(s[b]) && memchr(s + b, '@', n - b) != NULL)
		return 1;
	for (i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (n - b >= strlen(starts[i]) && memcmp(s + b, starts[i], strlen(starts[i])) == 0)
			return 1;
	/* "cycles/second=2394455433", "sampling period=1": from column 0, a number after '=' */
	if (b > 0)
		return 0;
	for (i = 0; i < n && s[i] != '='; i++)
		;
	if (i == 0 || i + 1 >= n)
		return 0;
	for (i++; i < n && scan_is_digit(s[i]); i++)
		;
	return i == n;
}

size_t paste_columns(const char *s, size_t n, size_t col)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			col = (col / 8 + 1) * 8;
		else if ((c & 0xc0) != 0x80)
			col++;
	}
	return col;
}

/* Whether a blank a copy dropped goes between a and b: before " +0x", " fp=", " pc=" of a
 * file line, after the "," of an argument. */
static int dropped_blank(const char *a, size_t an, const char *b, size_t bn, enum paste_shape sh)
{
	char last = a[an - 1];

	if (sh == PASTE_FILE && scan_is_hex(last))
		return STARTS(b, bn, "+0x") || STARTS(b, bn, "fp=0x") || STARTS(b, bn, "pc=0x");
	return sh == PASTE_FUNC && last == ',' && !scan_is_blank(b[0]);
}

/* Whether b holds only what a file line's tail is made of. */
static int tail_bytes(const char *b, size_t bn)
{
	size_t i;

	for (i = 0; i < bn; i++)
		if (!scan_is_hex(b[i]) && b[i] != 'x' && b[i] != ' ' && b[i] != '+' && b[i] != '=' &&
		    b[i] != 'p' && b[i] != 's')
			return 0;
	return 1;
}

int paste_join(const char *a, size_t an, enum paste_shape shape, int whole, const char *b,
               size_t bn, struct gs_buf *ab)
{
	int known, sep, whole_ab;

	/* a whole header or function line ends there: its end ("]:", ")") is the line's */
	if (an == 0 || bn == 0 || shape == PASTE_NONE ||
	    (whole && shape != PASTE_FILE && shape != PASTE_CREATED))
		return -1;
	known = paste_known(b, bn);
	if (whole && known)
		return -1; /* two lines, each whole */
	sep = dropped_blank(a, an, b, bn, shape);
	gs_buf_reset(ab);
	if (gs_buf_add(ab, a, an) != 0 || (sep && gs_buf_addch(ab, ' ') != 0) ||
	    gs_buf_add(ab, b, bn) != 0)
		return -2;
	if (paste_shape(ab->data, ab->len, &whole_ab) != shape)
		return -1;
	/* a whole file line goes on only inside its tail: digits, offsets, fp= sp= pc= */
	if (whole && shape == PASTE_FILE && !whole_ab && !tail_bytes(b, bn))
		return -1;
	/* A whole line goes on only with a piece of no line of its own ("...:69" "2 +0x70"), a
	 * cut one with anything that makes it whole; either with a piece that leaves it still
	 * cut, for the next to go on ("...:14" " +0x65 fp=0xc0 sp=0xc0 p" "c=0x4f54c5") */
	if (whole_ab || !known)
		return sep;
	return -1;
}

/* ---- re-typed characters ---- */

/* The ASCII of the UTF-8 character at s (len bytes left), in *rep (NULL: dropped); its
 * length, 0 when it is none of them. */
static size_t retyped(const unsigned char *s, size_t len, const char **rep)
{
	if (len >= 2 && s[0] == 0xc2 && s[1] == 0xa0) {
		*rep = " ";            /* U+00A0 no-break space */
		return 2;
	}
	if (len < 3 || s[0] != 0xe2)
		return 0;
	if (s[1] == 0x80) {
		if (s[2] <= 0x8a || s[2] == 0xaf)
			*rep = " ";        /* U+2000-U+200A fixed-width spaces, U+202F */
		else if (s[2] == 0x8b)
			*rep = NULL;       /* U+200B zero-width space */
		else if (s[2] >= 0x98 && s[2] <= 0x9b)
			*rep = "'";        /* U+2018-U+201B single quotes */
		else if (s[2] >= 0x9c && s[2] <= 0x9f)
			*rep = "\"";       /* U+201C-U+201F double quotes */
		else if (s[2] == 0xa6)
			*rep = "...";      /* U+2026 horizontal ellipsis */
		else
			return 0;
		return 3;
	}
	if (s[1] == 0x81 && s[2] == 0x9f) {
		*rep = " ";            /* U+205F medium mathematical space */
		return 3;
	}
	if (s[1] == 0x81 && s[2] == 0xa0) {
		*rep = NULL;           /* U+2060 word joiner */
		return 3;
	}
	return 0;
}

int paste_retype(const char *s, size_t n, struct gs_buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, from = 0, k;
	const char *rep;
	int any = 0;

	for (i = 0; i < n; i++) {
		if (u[i] < 0xc2)
			continue;
		k = retyped(u + i, n - i, &rep);
		if (k == 0)
			continue;
		if (!any)
			gs_buf_reset(out);
		any = 1;
		if (gs_buf_add(out, s + from, i - from) != 0 || (rep && gs_buf_adds(out, rep) != 0))
			return -1;
		i += k - 1;
		from = i + 1;
	}
	if (any && gs_buf_add(out, s + from, n - from) != 0)
		return -1;
	return any;
}

/* ---- structured log entries ---- */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/* string = '"' { CHAR | "\" ESCAPE } '"' at s[i]: the index past it, 0 when unclosed. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return 0;
}

/* value = string | object | array | literal at s[i]: the index past it, 0 when it is none. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
	int depth = 0;

	if (i < n && s[i] == '"')
		return skip_string(s, n, i);
	for (; i < n; i++) {
		if (s[i] == '"') {
			i = skip_string(s, n, i);
			if (i == 0)
				return 0;
			i--;
		} else if (s[i] == '{' || s[i] == '[') {
			depth++;
		} else if (s[i] == '}' || s[i] == ']') {
			if (depth == 0)
				return i;
			depth--;
		} else if (s[i] == ',' && depth == 0) {
			return i;
		}
	}
	return depth == 0 ? i : 0;
}

static int hex4(const char *s, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];

		if (!scan_is_hex(c))
			return -1;
		*v = *v * 16 + (unsigned)(scan_is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return 0;
}

static int add_utf8(struct gs_buf *out, unsigned cp)
{
	char b[4];
	size_t k;

	if (cp < 0x80) {
		b[0] = (char)cp;
		k = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		k = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		k = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		k = 4;
	}
	return gs_buf_add(out, b, k);
}

/* The string at s[i] (its '"'), unescaped into out: 1, 0 when it is no JSON string, -1 when
 * memory ran out. */
static int unescape(const char *s, size_t n, size_t i, struct gs_buf *out)
{
	size_t from;
	unsigned cp, lo;

	gs_buf_reset(out);
	for (from = ++i; i < n && s[i] != '"'; i++) {
		if (s[i] != '\\')
			continue;
		if (gs_buf_add(out, s + from, i - from) != 0)
			return -1;
		if (++i == n)
			return 0;
		switch (s[i]) {
		case 'n': cp = '\n'; break;
		case 't': cp = '\t'; break;
		case 'r': cp = '\r'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case '"': case '\\': case '/': cp = (unsigned char)s[i]; break;
		case 'u':
			if (n - i < 5 || hex4(s + i + 1, &cp) != 0)
				return 0;
			i += 4;
			/* a surrogate pair is one character */
			if (cp >= 0xd800 && cp < 0xdc00 && n - i >= 7 && s[i + 1] == '\\' &&
			    s[i + 2] == 'u' && hex4(s + i + 3, &lo) == 0 && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			}
			break;
		default:
			return 0;
		}
		if (add_utf8(out, cp) != 0)
			return -1;
		from = i + 1;
	}
	if (i == n)
		return 0;
	return gs_buf_add(out, s + from, i - from) != 0 ? -1 : 1;
}

/* entry = "{" member { "," member } "}"   member = string ":" value */
int paste_json_text(const char *s, size_t n, struct gs_buf *out)
{
	static const char *const names[] = { "\"log\"", "\"msg\"", "\"message\"" };
	size_t i = skip_ws(s, n, 0), e = scan_trim_end(s, n), key, v, k, at[3] = { 0, 0, 0 };
	int rc;

	if (i >= e || s[i] != '{' || s[e - 1] != '}')
		return 0;
	for (i++;;) {
		i = skip_ws(s, e, i);
		if (i < e && s[i] == '}' && i + 1 == e)
			break;
		if (i >= e || s[i] != '"')
			return 0;
		key = i;
		i = skip_string(s, e, i);
		if (i == 0)
			return 0;
		k = i - key;
		i = skip_ws(s, e, i);
		if (i >= e || s[i] != ':')
			return 0;
		v = skip_ws(s, e, i + 1);
		i = skip_value(s, e, v);
		if (i == 0 || i == v)
			return 0;
		for (rc = 0; rc < 3; rc++)
			if (k == strlen(names[rc]) && memcmp(s + key, names[rc], k) == 0 && s[v] == '"')
				at[rc] = v;
		i = skip_ws(s, e, i);
		if (i < e && s[i] == ',')
			i++;
		else if (!(i < e && s[i] == '}' && i + 1 == e))
			return 0;
	}
	for (k = 0; k < 3; k++) {
		if (at[k] == 0)
			continue;
		rc = unescape(s, e, at[k], out);
		if (rc <= 0)
			return rc;
		return k == 0 ? PASTE_JSON_LOG : PASTE_JSON_MSG;
	}
	return 0;
}
