#ifndef HAVEN_SHIMS_H
#define HAVEN_SHIMS_H

#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include <microhttpd.h>

/* curl_easy_setopt is variadic; Swift calls one of these per argument type. */
CURLcode haven_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode haven_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode haven_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode haven_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode haven_curl_setopt_write_function(CURL *handle, curl_write_callback callback);
CURLcode haven_curl_setopt_read_function(CURL *handle, curl_read_callback callback);
CURLcode haven_curl_setopt_header_function(CURL *handle, curl_write_callback callback);
CURLcode haven_curl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);
CURLcode haven_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

/* MHD_start_daemon is variadic; this starts a daemon with the options Haven uses.
   host is a numeric IPv4 or IPv6 address to bind to (NULL binds every interface).
   cert_pem and key_pem are NULL for plain HTTP. Returns NULL if the host is not numeric or the
   daemon cannot start; MHD copies neither PEM string, so they must outlive the daemon. */
struct MHD_Daemon *haven_mhd_start(
    unsigned int flags, const char *host, uint16_t port, unsigned int thread_pool_size,
    unsigned int connection_timeout, const char *cert_pem, const char *key_pem,
    MHD_AccessHandlerCallback handler, void *handler_context,
    MHD_RequestCompletedCallback completed, void *completed_context);

/* MHD_get_daemon_info is variadic; the port the daemon is bound to, 0 if unknown. */
uint16_t haven_mhd_bound_port(struct MHD_Daemon *daemon);

/* MHD_get_connection_info is variadic; writes the peer's numeric address into buffer
   (empty string if unknown). */
void haven_mhd_client_address(struct MHD_Connection *connection, char *buffer, size_t capacity);

/* accept4 and pipe2 are GNU extensions that Swift's Glibc module does not show. These make descriptors that
   are close-on-exec from the start, so that no child started meanwhile by another thread inherits them. */
int haven_accept_cloexec(int listener);
int haven_pipe_cloexec(int ends[2]);

#endif
