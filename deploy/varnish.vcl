# Varnish in front of toasoan: keeps public pages and drops exactly the
# ones a change touches, by the keys toasoan sends in Surrogate-Key.
# Needs Debian's varnish and varnish-modules (for xkey). Set the paper's
# purge hook (site setting purge_url) to http://VARNISH/.toasoan/purge.
vcl 4.1;

import cookie;
import xkey;

backend toasoan {
    .host = "127.0.0.1";
    .port = "8080";
}

# Who may purge: the toasoan servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # toasoan's purge hook: POST with the changed keys in Surrogate-Key.
    if (req.url == "/.toasoan/purge") {
        if (req.method != "POST" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        set req.http.n-gone = xkey.purge(req.http.Surrogate-Key);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom, the API and anyone signed in go straight to toasoan.
    if (req.url ~ "^/(toasoan|api)/" || req.http.Cookie ~ "toasoan_session=") {
        return (pass);
    }
    # Tracking parameters do not change a page: one copy for all of them.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|zarsrc)=[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    set req.url = regsuball(req.url, "\?&+", "?");
    # Only the reader's choices that change a page (locality, closed
    # popup) stay; they are part of the cache key below.
    cookie.parse(req.http.Cookie);
    cookie.keep("toasoan_dia_phuong,toasoan_popup");
    set req.http.Cookie = cookie.get_string();
    if (req.http.Cookie == "") {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.Cookie) {
        hash_data(req.http.Cookie);
    }
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        # Purges are exact, so a page may stay until one comes.
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        set beresp.ttl = 1h;
    }
    set beresp.grace = 5m;
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    # Varnish's own answer replaces toasoan's X-Cache.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
