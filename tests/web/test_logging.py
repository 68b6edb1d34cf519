import json
import logging

from hromada.core.logging import JsonFormatter


def test_json_log_lines_carry_level_logger_message_and_exception():
    formatter = JsonFormatter()
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "hromada.x", logging.ERROR, __file__, 1, "failed %s", ("Ізюм",), sys.exc_info()
        )
    line = json.loads(formatter.format(record))
    assert line["level"] == "ERROR" and line["logger"] == "hromada.x"
    assert line["message"] == "failed Ізюм" and "ValueError: boom" in line["exception"]
