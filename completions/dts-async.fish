# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dts_async_global_optspecs
    string join \n endpoint= taskhub= connection-string= auth= client-id= token-resource= o/output= h/help V/version
end

function __fish_dts_async_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dts_async_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dts_async_using_subcommand
    set -l cmd (__fish_dts_async_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dts-async -n "__fish_dts_async_needs_command" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_needs_command" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_needs_command" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_needs_command" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_needs_command" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_needs_command" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_needs_command" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_needs_command" -s V -l version -d 'Print version'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "start" -d 'Start an orchestration (the async operation by default) and print its id'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "status" -d 'Show one instance'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "wait" -d 'Wait for an instance to finish, showing its progress; the exit code says how it ended'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "list" -d 'List instances by status, creation time and id prefix'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "history" -d 'Show the history events of an instance'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "raise-event" -d 'Send an external event to an instance'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "terminate" -d 'Terminate an instance (and its sub-orchestrations)'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "suspend" -d 'Suspend an instance'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "resume" -d 'Resume a suspended instance'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "restart" -d 'Run a finished instance again with the same name and input'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "rewind" -d 'Rewind a failed instance so its failed steps run again'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "purge" -d 'Delete finished instances and their history'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "serve-scheduler" -d 'Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "serve-worker" -d 'Run a Durable Task worker hosting the async operation (and the benchmark workloads)'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "serve-api" -d 'Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "dev" -d 'Scheduler, worker and HTTP front door in one process, for local development'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "demo" -d 'The whole async request-reply pattern in one command, with nothing else running'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "bench" -d 'Measure throughput and latency of an endpoint under a standard workload'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c dts-async -n "__fish_dts_async_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l name -d 'Orchestration name' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l input -d 'Input: inline JSON, @file, or - for stdin' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l processing-time -d 'Shorthand for the sample\'s input {"operation_id": <id>, "processing_time": N}' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l id -d 'Instance id [default: a new random id]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l tag -d 'Tag to keep with the instance (repeatable): key=value' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l version -d 'Orchestration version' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l start-at -d 'Start no earlier than this: RFC 3339 time' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l delay -d 'Start after this delay: 30s, 5m, 2h' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l timeout -d 'Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l reuse-existing -d 'If an instance with --id exists, use it instead of failing (exit 7); nothing is started twice'
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l replace-finished -d 'If an instance with --id exists and has finished, replace it with a new run'
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l wait -d 'Wait for the orchestration to finish, then exit as `wait` does'
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -l cancel-on-interrupt -d 'On Ctrl-C, terminate the orchestration instead of leaving it running'
complete -c dts-async -n "__fish_dts_async_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l show-input -d 'Show the input (text output; JSON output always has it)'
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -l show-output -d 'Show the output (text output; JSON output always has it)'
complete -c dts-async -n "__fish_dts_async_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l timeout -d 'Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -l cancel-on-interrupt -d 'On Ctrl-C, terminate the orchestration instead of leaving it running'
complete -c dts-async -n "__fish_dts_async_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l status -d 'Only these statuses (repeatable or comma-separated): running, completed, failed, ...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l created-after -d 'Created at or after: RFC 3339 time, or a duration ago (2h)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l created-before -d 'Created before: RFC 3339 time, or a duration ago (2h)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l prefix -d 'Only ids starting with this text' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l limit -d 'Show at most this many (0 for all)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -l with-payloads -d 'Include inputs and outputs (JSON output)'
complete -c dts-async -n "__fish_dts_async_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l data -d 'Event data: inline JSON, @file, or - for stdin' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand raise-event" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l reason -d 'The reason, kept as the orchestration\'s output' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l result -d 'The orchestration\'s output instead of a reason: inline JSON, @file, or -' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -l no-recursive -d 'Leave sub-orchestrations running'
complete -c dts-async -n "__fish_dts_async_using_subcommand terminate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l reason -d 'Why (plain text, recorded in the history)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand suspend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l reason -d 'Why (plain text, recorded in the history)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -l new-id -d 'Run it under a new instance id instead of replacing the old one'
complete -c dts-async -n "__fish_dts_async_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l reason -d 'Why (plain text, recorded in the history)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand rewind" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l status -d 'Delete finished instances with these statuses (repeatable or comma-separated)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l created-after -d 'Delete finished instances created at or after: RFC 3339 time or a duration ago (7d)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l created-before -d 'Delete finished instances created before: RFC 3339 time or a duration ago (7d)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l all -d 'Delete every finished instance'
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -l no-recursive -d 'Keep sub-orchestrations'
complete -c dts-async -n "__fish_dts_async_using_subcommand purge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l listen -d 'Address to listen on (the emulator\'s port by default)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l taskhubs -d 'Task hubs to serve, comma-separated; calls naming another hub get NOT_FOUND' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l lease-timeout -d 'How long a worker may hold an orchestration work item before it goes to another worker (a hung worker); e.g. 30s, 2m [default: 5m]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l activity-lease-timeout -d 'How long a worker may hold an activity before it goes to another worker [default: for as long as the worker\'s stream stays open, since a long activity and a hung one look alike]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l db -d 'Database file [default: scheduler.db under the user\'s data directory]' -r -F
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l sync -d 'Commit durability: full (every acknowledged write survives a power loss) or normal (survives a crash of the process, not of the machine)' -r -f -a "full\t'fsync every group commit'
normal\t'fsync at WAL checkpoints only'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l log-format -d 'Log format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l log-level -d 'Most detailed log level shown: error, warn, info, debug or trace' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -l in-memory -d 'Keep nothing: a temporary database without fsync, deleted at exit'
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-scheduler" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l max-concurrent-orchestrations -d 'Orchestration work items run at once [default: 100 per core]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l max-concurrent-activities -d 'Activity work items run at once [default: 100 per core]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l shutdown-grace -d 'After Ctrl-C or SIGTERM, how long in-flight work items may finish before they are handed back to the scheduler for another worker' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l log-format -d 'Log format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l log-level -d 'Most detailed log level shown: error, warn, info, debug or trace' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-worker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l listen -d 'Address to listen on (host:port); only loopback unless --allow-remote' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l api-key -d 'Require `Authorization: Bearer <key>` on every /api/ request' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l orchestration -d 'Orchestration started by POST /api/operations and /api/start-operation' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l max-wait -d 'Longest hold of GET /api/operations/{id}?wait=N' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l log-format -d 'Log format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l log-level -d 'Most detailed log level shown: error, warn, info, debug or trace' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -l allow-remote -d 'Allow listening on an address reachable from other machines (set --api-key too)'
complete -c dts-async -n "__fish_dts_async_using_subcommand serve-api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l listen -d 'Address of the scheduler\'s gRPC endpoint (the emulator\'s port by default)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l api-listen -d 'Address of the HTTP front door (the sample\'s port by default)' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l db -d 'Database file [default: scheduler.db under the user\'s data directory]' -r -F
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l sync -d 'Commit durability: full (every acknowledged write survives a power loss) or normal (survives a crash of the process, not of the machine)' -r -f -a "full\t'fsync every group commit'
normal\t'fsync at WAL checkpoints only'"
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l log-format -d 'Log format on stderr' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'"
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l log-level -d 'Most detailed log level shown: error, warn, info, debug or trace' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -l in-memory -d 'Keep nothing: a temporary database without fsync, deleted at exit'
complete -c dts-async -n "__fish_dts_async_using_subcommand dev" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l operations -d 'How many operations to submit; operation n works for n + 1 seconds' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l workload -d 'The workload' -r -f -a "sample\t'The async operation of the pattern with `processing_time` 0: one activity'
sequence5\t'Five sequential activities per orchestration (the function-chaining workload of Microsoft\'s Durable Task Scheduler throughput comparison)'
timer\t'One 20-second durable timer per orchestration: many orchestrations waiting at once, for measuring what waiting costs (latency is the timer\'s, not the engine\'s)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l count -d 'Orchestrations in the measured run' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l warmup -d 'Orchestrations run first and left out of the figures' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l concurrency -d 'Orchestrations in flight at once' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l connections -d 'Client connections shared by the in-flight orchestrations' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l sync -d 'Commit durability of the --embedded scheduler' -r -f -a "full\t'fsync every group commit'
normal\t'fsync at WAL checkpoints only'"
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l embedded -d 'Start an embedded scheduler in this process, on a temporary database (deleted at exit), instead of using --endpoint'
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -l no-worker -d 'Do not run a worker here: the workers already serving the task hub do the work (they must host the workload\'s orchestrations)'
complete -c dts-async -n "__fish_dts_async_using_subcommand bench" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -l endpoint -d 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -l taskhub -d 'Task hub name [default: default]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -l connection-string -d 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -l auth -d 'Authentication [default: none for plaintext endpoints, default for TLS]' -r -f -a "none\t'No `authorization` header (the emulator and the embedded scheduler)'
default\t'Environment service principal, workload identity, developer tools (Azure CLI, azd), then managed identity: the first one that yields a token'
cli\t'The Azure CLI\'s or Azure Developer CLI\'s signed-in account'
managed-identity\t'The managed identity of the Azure host (system-assigned, or user-assigned by client id)'
workload-identity\t'Kubernetes workload identity (`AZURE_FEDERATED_TOKEN_FILE`, `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`)'
client-secret\t'A service principal secret (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -l client-id -d 'Client id of a user-assigned managed identity or service principal' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -l token-resource -d 'Resource the token is asked for [default: https://durabletask.io]' -r
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -s o -l output -d 'Output format on stdout' -r -f -a "text\t'Tables and plain text for people'
json\t'Exactly one JSON document'
jsonl\t'One JSON document per line (for `wait`: one per observed change, then the outcome)'"
complete -c dts-async -n "__fish_dts_async_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "start" -d 'Start an orchestration (the async operation by default) and print its id'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "status" -d 'Show one instance'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "wait" -d 'Wait for an instance to finish, showing its progress; the exit code says how it ended'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "list" -d 'List instances by status, creation time and id prefix'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "history" -d 'Show the history events of an instance'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "raise-event" -d 'Send an external event to an instance'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "terminate" -d 'Terminate an instance (and its sub-orchestrations)'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "suspend" -d 'Suspend an instance'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "resume" -d 'Resume a suspended instance'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "restart" -d 'Run a finished instance again with the same name and input'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "rewind" -d 'Rewind a failed instance so its failed steps run again'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "purge" -d 'Delete finished instances and their history'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "serve-scheduler" -d 'Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "serve-worker" -d 'Run a Durable Task worker hosting the async operation (and the benchmark workloads)'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "serve-api" -d 'Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "dev" -d 'Scheduler, worker and HTTP front door in one process, for local development'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "demo" -d 'The whole async request-reply pattern in one command, with nothing else running'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "bench" -d 'Measure throughput and latency of an endpoint under a standard workload'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c dts-async -n "__fish_dts_async_using_subcommand help; and not __fish_seen_subcommand_from start status wait list history raise-event terminate suspend resume restart rewind purge serve-scheduler serve-worker serve-api dev demo bench completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
