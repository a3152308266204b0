"""Reference data read once per request: the same specialty catalogue or département list
was read by the screen's form, its conditions, the récapitulatif and the validation service,
each with its own queries. Outside a request (commands, tasks, tests) nothing is kept."""

import contextvars
import functools

_memo = contextvars.ContextVar("inscrinet_request_memo", default=None)


def per_request(function):
    """Memoise `function(*args)` (hashable arguments, a result nobody mutates) for the
    current request only."""

    @functools.wraps(function)
    def wrapper(*args):
        memo = _memo.get()
        if memo is None:
            return function(*args)
        key = (function.__module__, function.__qualname__, args)
        if key not in memo:
            memo[key] = function(*args)
        return memo[key]

    def remember(value, *args):
        """The value another query of this request read along with its own (a round trip
        saved); ignored outside a request."""
        memo = _memo.get()
        if memo is not None:
            memo[(function.__module__, function.__qualname__, args)] = value

    wrapper.remember = remember
    return wrapper


def in_request() -> bool:
    return _memo.get() is not None


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
