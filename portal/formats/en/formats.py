# English dates as Django writes them, with 24-hour times (see FORMAT_MODULE_PATH in settings).
DATETIME_FORMAT = "N j, Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
