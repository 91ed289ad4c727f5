#!/bin/sh
exec "$(dirname "$0")/run.sh" query.js
