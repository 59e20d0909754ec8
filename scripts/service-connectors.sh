# Sourced by the Makefile's demo target, demo.sh and chaos.sh: the service connectors of
# Connectors/connectors.txt, so no script names them.
connectors_file="$(dirname "${BASH_SOURCE[0]}")/../Connectors/connectors.txt"

# connector_names: every service connector's name, one a line.
connector_names() {
    awk -F'|' '!/^#/ && NF >= 3 { gsub(/[ \t]/, "", $1); print $1 }' "$connectors_file"
}

# connector_column NAME COLUMN URL SECRET EMAIL: the column (2: mock arguments, 3: connector arguments) of NAME,
# with $URL, $SECRET and $EMAIL filled in.
connector_column() {
    awk -F'|' -v name="$1" -v column="$2" \
        '!/^#/ && NF >= 3 { key = $1; gsub(/[ \t]/, "", key); if (key == name) print $column }' "$connectors_file" |
        sed -e "s|\$URL|$3|g" -e "s|\$SECRET|$4|g" -e "s|\$EMAIL|$5|g" -e 's/^ *//' -e 's/ *$//'
}

# service_mock_args NAME SECRET EMAIL: the `baton-mock` arguments serving NAME.
service_mock_args() {
    echo "$1 $(connector_column "$1" 2 "" "$2" "$3")"
}

# service_connector_args NAME URL SECRET EMAIL: baton-NAME's arguments against the mock at URL.
service_connector_args() {
    connector_column "$1" 3 "$2" "$3" "$4"
}
