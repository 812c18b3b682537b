/* screen.c - see screen.h. */
#include "outputs/screen.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include "outputs/msg.h"
#include "outputs/term.h"

#define REPLAY_LINES 20       /* of stderr, written out when the screen is left */
#define REPLAY_BYTES 65536    /* read from the end of what was held */

/* Process state: the terminal is the process's, and a signal handler reaches nothing else. */
static volatile sig_atomic_t resized;
static int active, tty = -1, saved_err = -1, at_exit;
static struct termios saved_tio;
static FILE *held;            /* stderr while the screen is up */
static struct gs_buf last_msg = XBUF_INIT, pending = XBUF_INIT;
static long held_seen;        /* bytes of held already looked at */

static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

static void winch(void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a wait returns at once */
	sigaction(SIGWINCH, &sa, NULL);
}

/* Where stderr goes while the screen is up: memory, never a file nobody asked for. NULL
 * (a kernel before 3.17): messages reach the terminal and the next redraw covers them. */
static FILE *hold_file(void)
{
	FILE *f;
	int fd = memfd_create("gostacks-stderr", MFD_CLOEXEC);

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w+");
	if (f == NULL)
		close(fd);
	return f;
}

int screen_enter(void)
{
	struct termios raw;

	if (active)
		return 0;
	if (!term_isatty(STDOUT_FILENO))
		return -1;
	tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (tty >= 0 && tcgetattr(tty, &saved_tio) == 0) {
		/* one key at a time, not echoed; ^C still interrupts */
		raw = saved_tio;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = 0;
		tcsetattr(tty, TCSANOW, &raw);
	} else if (tty >= 0) {
		close(tty);
		tty = -1;
	}
	fflush(stderr);
	held = hold_file();
	if (held) {
		saved_err = dup(STDERR_FILENO);
		if (saved_err < 0 || dup2(fileno(held), STDERR_FILENO) < 0) {
			fclose(held);
			held = NULL;
		}
	}
	held_seen = 0;
	resized = 0;
	winch(on_winch);
	fputs("\033[?1049h\033[?25l\033[H\033[2J", stdout);
	fflush(stdout);
	active = 1;
	if (!at_exit) {
		atexit(screen_leave);
		at_exit = 1;
	}
	return 0;
}

/* The last lines held, written to the real stderr. */
static void replay(void)
{
	char *text = xmalloc(REPLAY_BYTES + 1);
	off_t size = lseek(fileno(held), 0, SEEK_END), from;
	ssize_t got;
	size_t n, i, start = 0;
	int lines = 0;

	from = size > REPLAY_BYTES ? size - REPLAY_BYTES : 0;
	got = size > from ? pread(fileno(held), text, (size_t)(size - from), from) : 0;
	n = got > 0 ? (size_t)got : 0;
	for (i = n; i > 0; i--) {
		if (text[i - 1] == '\n' && i < n && ++lines > REPLAY_LINES) {
			start = i;
			break;
		}
	}
	if (start > 0 || from > 0)
		fprintf(stderr, "%s: (earlier messages not shown)\n", msg_prog());
	fwrite(text + start, 1, n - start, stderr);
	free(text);
}

void screen_leave(void)
{
	if (!active)
		return;
	active = 0;
	fputs("\033[?25h\033[?1049l", stdout);
	fflush(stdout);
	if (tty >= 0) {
		tcsetattr(tty, TCSAFLUSH, &saved_tio);
		close(tty);
		tty = -1;
	}
	winch(SIG_DFL);
	if (held) {
		fflush(stderr);
		dup2(saved_err, STDERR_FILENO);
		close(saved_err);
		saved_err = -1;
		replay();
		fclose(held);
		held = NULL;
	}
	gs_buf_release(&last_msg);
	gs_buf_release(&pending);
}

void screen_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = 24;
	*cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

int screen_key(int timeout_ms)
{
	struct pollfd p;
	unsigned char c;
	int rc;

	if (resized) {
		resized = 0;
		return SCREEN_RESIZED;
	}
	p.fd = tty;
	p.events = POLLIN;
	p.revents = 0;
	rc = poll(tty >= 0 ? &p : NULL, tty >= 0 ? 1 : 0, timeout_ms);
	if (resized) {
		resized = 0;
		return SCREEN_RESIZED;
	}
	if (rc <= 0 || !(p.revents & POLLIN))
		return 0;
	if (read(tty, &c, 1) != 1)
		return 0;
	return c ? c : 0;
}

size_t screen_fit(struct gs_buf *out, const char *line, size_t len, size_t cols)
{
	size_t i = 0, width = 0, start;
	int colored = 0;

	while (i < len) {
		unsigned char c = (unsigned char)line[i];

		if (c == 0x1b && i + 1 < len && line[i + 1] == '[') {
			/* a colour: no width, kept whole */
			start = i;
			for (i += 2; i < len && !((unsigned char)line[i] >= 0x40 &&
			                          (unsigned char)line[i] <= 0x7e); i++)
				;
			if (i < len)
				i++;
			gs_buf_add(out, line + start, i - start);
			colored = 1;
			continue;
		}
		if ((c & 0xc0) != 0x80) {
			if (width == cols)
				break;
			width++;
		}
		gs_buf_addch(out, (char)c);
		i++;
	}
	if (colored)
		gs_buf_adds(out, TERM_RESET);
	return width;
}

void screen_draw(const char *body, size_t len, const char *message, const char *status)
{
	struct gs_buf out = XBUF_INIT, esc = XBUF_INIT;
	const char *p = body, *end = body + len, *nl;
	int rows, cols, row = 0;
	size_t w;

	screen_size(&rows, &cols);
	gs_buf_adds(&out, "\033[H");
	while (p < end && row < rows - 2) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		w = screen_fit(&out, p, (size_t)(nl - p), (size_t)cols);
		/* a full line needs no erase: the cursor waits at its last column */
		gs_buf_adds(&out, w < (size_t)cols ? "\033[K\r\n" : "\r\n");
		row++;
		p = nl < end ? nl + 1 : end;
	}
	for (; row < rows - 2; row++)
		gs_buf_adds(&out, "\033[K\r\n");
	if (rows > 1) {
		term_escape(&esc, message, strlen(message));
		gs_buf_adds(&out, TERM_RED);
		w = screen_fit(&out, esc.data, esc.len, (size_t)cols);
		gs_buf_adds(&out, w < (size_t)cols ? TERM_RESET "\033[K\r\n" : TERM_RESET "\r\n");
	}
	gs_buf_adds(&out, "\033[7m");
	w = screen_fit(&out, status, strlen(status), (size_t)(cols > 1 ? cols - 1 : 1));
	for (; w < (size_t)(cols > 1 ? cols - 1 : 1); w++)
		gs_buf_addch(&out, ' ');
	gs_buf_adds(&out, "\033[0m\033[J");
	fwrite(out.data, 1, out.len, stdout);
	fflush(stdout);
	gs_buf_release(&out);
	gs_buf_release(&esc);
}

void screen_last_message(struct gs_buf *out)
{
	char chunk[4096];
	ssize_t n;
	size_t i, start = 0;

	if (held) {
		fflush(stderr);
		while ((n = pread(fileno(held), chunk, sizeof chunk, held_seen)) > 0) {
			held_seen += n;
			gs_buf_add(&pending, chunk, (size_t)n);
		}
		/* the last complete line that is not empty wins; a part line waits */
		for (i = 0; i < pending.len; i++) {
			if (pending.data[i] != '\n')
				continue;
			if (i > start) {
				gs_buf_reset(&last_msg);
				gs_buf_add(&last_msg, pending.data + start, i - start);
			}
			start = i + 1;
		}
		memmove(pending.data, pending.data + start, pending.len - start);
		pending.len -= start;
		pending.data[pending.len] = '\0';
	}
	start = strlen(msg_prog());
	if (last_msg.len > start + 2 && memcmp(last_msg.data, msg_prog(), start) == 0 &&
	    memcmp(last_msg.data + start, ": ", 2) == 0)
		start += 2;
	else
		start = 0;
	gs_buf_add(out, last_msg.data + start, last_msg.len - start);
}

void screen_forget_messages(void)
{
	struct gs_buf drop = XBUF_INIT;

	screen_last_message(&drop);
	gs_buf_release(&drop);
	gs_buf_reset(&last_msg);
}
