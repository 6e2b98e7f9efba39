
use builtin;
use str;

set edit:completion:arg-completer[dts-async] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'dts-async'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'dts-async'= {
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Start an orchestration (the async operation by default) and print its id'
            cand status 'Show one instance'
            cand wait 'Wait for an instance to finish, showing its progress; the exit code says how it ended'
            cand list 'List instances by status, creation time and id prefix'
            cand history 'Show the history events of an instance'
            cand raise-event 'Send an external event to an instance'
            cand terminate 'Terminate an instance (and its sub-orchestrations)'
            cand suspend 'Suspend an instance'
            cand resume 'Resume a suspended instance'
            cand restart 'Run a finished instance again with the same name and input'
            cand rewind 'Rewind a failed instance so its failed steps run again'
            cand purge 'Delete finished instances and their history'
            cand serve-scheduler 'Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)'
            cand serve-worker 'Run a Durable Task worker hosting the async operation (and the benchmark workloads)'
            cand serve-api 'Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP'
            cand dev 'Scheduler, worker and HTTP front door in one process, for local development'
            cand demo 'The whole async request-reply pattern in one command, with nothing else running'
            cand bench 'Measure throughput and latency of an endpoint under a standard workload'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dts-async;start'= {
            cand --name 'Orchestration name'
            cand --input 'Input: inline JSON, @file, or - for stdin'
            cand --processing-time 'Shorthand for the sample''s input {"operation_id": <id>, "processing_time": N}'
            cand --id 'Instance id [default: a new random id]'
            cand --tag 'Tag to keep with the instance (repeatable): key=value'
            cand --version 'Orchestration version'
            cand --start-at 'Start no earlier than this: RFC 3339 time'
            cand --delay 'Start after this delay: 30s, 5m, 2h'
            cand --timeout 'Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --reuse-existing 'If an instance with --id exists, use it instead of failing (exit 7); nothing is started twice'
            cand --replace-finished 'If an instance with --id exists and has finished, replace it with a new run'
            cand --wait 'Wait for the orchestration to finish, then exit as `wait` does'
            cand --cancel-on-interrupt 'On Ctrl-C, terminate the orchestration instead of leaving it running'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;status'= {
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --show-input 'Show the input (text output; JSON output always has it)'
            cand --show-output 'Show the output (text output; JSON output always has it)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;wait'= {
            cand --timeout 'Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --cancel-on-interrupt 'On Ctrl-C, terminate the orchestration instead of leaving it running'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;list'= {
            cand --status 'Only these statuses (repeatable or comma-separated): running, completed, failed, ...'
            cand --created-after 'Created at or after: RFC 3339 time, or a duration ago (2h)'
            cand --created-before 'Created before: RFC 3339 time, or a duration ago (2h)'
            cand --prefix 'Only ids starting with this text'
            cand --limit 'Show at most this many (0 for all)'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --with-payloads 'Include inputs and outputs (JSON output)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;history'= {
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;raise-event'= {
            cand --data 'Event data: inline JSON, @file, or - for stdin'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;terminate'= {
            cand --reason 'The reason, kept as the orchestration''s output'
            cand --result 'The orchestration''s output instead of a reason: inline JSON, @file, or -'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --no-recursive 'Leave sub-orchestrations running'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;suspend'= {
            cand --reason 'Why (plain text, recorded in the history)'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;resume'= {
            cand --reason 'Why (plain text, recorded in the history)'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;restart'= {
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --new-id 'Run it under a new instance id instead of replacing the old one'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;rewind'= {
            cand --reason 'Why (plain text, recorded in the history)'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;purge'= {
            cand --status 'Delete finished instances with these statuses (repeatable or comma-separated)'
            cand --created-after 'Delete finished instances created at or after: RFC 3339 time or a duration ago (7d)'
            cand --created-before 'Delete finished instances created before: RFC 3339 time or a duration ago (7d)'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --all 'Delete every finished instance'
            cand --no-recursive 'Keep sub-orchestrations'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;serve-scheduler'= {
            cand --listen 'Address to listen on (the emulator''s port by default)'
            cand --taskhubs 'Task hubs to serve, comma-separated; calls naming another hub get NOT_FOUND'
            cand --lease-timeout 'How long a worker may hold an orchestration work item before it goes to another worker (a hung worker); e.g. 30s, 2m [default: 5m]'
            cand --activity-lease-timeout 'How long a worker may hold an activity before it goes to another worker [default: for as long as the worker''s stream stays open, since a long activity and a hung one look alike]'
            cand --db 'Database file [default: scheduler.db under the user''s data directory]'
            cand --sync 'Commit durability: full (every acknowledged write survives a power loss) or normal (survives a crash of the process, not of the machine)'
            cand --log-format 'Log format on stderr'
            cand --log-level 'Most detailed log level shown: error, warn, info, debug or trace'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --in-memory 'Keep nothing: a temporary database without fsync, deleted at exit'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;serve-worker'= {
            cand --max-concurrent-orchestrations 'Orchestration work items run at once [default: 100 per core]'
            cand --max-concurrent-activities 'Activity work items run at once [default: 100 per core]'
            cand --shutdown-grace 'After Ctrl-C or SIGTERM, how long in-flight work items may finish before they are handed back to the scheduler for another worker'
            cand --log-format 'Log format on stderr'
            cand --log-level 'Most detailed log level shown: error, warn, info, debug or trace'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;serve-api'= {
            cand --listen 'Address to listen on (host:port); only loopback unless --allow-remote'
            cand --api-key 'Require `Authorization: Bearer <key>` on every /api/ request'
            cand --orchestration 'Orchestration started by POST /api/operations and /api/start-operation'
            cand --max-wait 'Longest hold of GET /api/operations/{id}?wait=N'
            cand --log-format 'Log format on stderr'
            cand --log-level 'Most detailed log level shown: error, warn, info, debug or trace'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --allow-remote 'Allow listening on an address reachable from other machines (set --api-key too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;dev'= {
            cand --listen 'Address of the scheduler''s gRPC endpoint (the emulator''s port by default)'
            cand --api-listen 'Address of the HTTP front door (the sample''s port by default)'
            cand --db 'Database file [default: scheduler.db under the user''s data directory]'
            cand --sync 'Commit durability: full (every acknowledged write survives a power loss) or normal (survives a crash of the process, not of the machine)'
            cand --log-format 'Log format on stderr'
            cand --log-level 'Most detailed log level shown: error, warn, info, debug or trace'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --in-memory 'Keep nothing: a temporary database without fsync, deleted at exit'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;demo'= {
            cand --operations 'How many operations to submit; operation n works for n + 1 seconds'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;bench'= {
            cand --workload 'The workload'
            cand --count 'Orchestrations in the measured run'
            cand --warmup 'Orchestrations run first and left out of the figures'
            cand --concurrency 'Orchestrations in flight at once'
            cand --connections 'Client connections shared by the in-flight orchestrations'
            cand --sync 'Commit durability of the --embedded scheduler'
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --embedded 'Start an embedded scheduler in this process, on a temporary database (deleted at exit), instead of using --endpoint'
            cand --no-worker 'Do not run a worker here: the workers already serving the task hub do the work (they must host the workload''s orchestrations)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;completions'= {
            cand --endpoint 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]'
            cand --taskhub 'Task hub name [default: default]'
            cand --connection-string 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...'
            cand --auth 'Authentication [default: none for plaintext endpoints, default for TLS]'
            cand --client-id 'Client id of a user-assigned managed identity or service principal'
            cand --token-resource 'Resource the token is asked for [default: https://durabletask.io]'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dts-async;help'= {
            cand start 'Start an orchestration (the async operation by default) and print its id'
            cand status 'Show one instance'
            cand wait 'Wait for an instance to finish, showing its progress; the exit code says how it ended'
            cand list 'List instances by status, creation time and id prefix'
            cand history 'Show the history events of an instance'
            cand raise-event 'Send an external event to an instance'
            cand terminate 'Terminate an instance (and its sub-orchestrations)'
            cand suspend 'Suspend an instance'
            cand resume 'Resume a suspended instance'
            cand restart 'Run a finished instance again with the same name and input'
            cand rewind 'Rewind a failed instance so its failed steps run again'
            cand purge 'Delete finished instances and their history'
            cand serve-scheduler 'Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)'
            cand serve-worker 'Run a Durable Task worker hosting the async operation (and the benchmark workloads)'
            cand serve-api 'Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP'
            cand dev 'Scheduler, worker and HTTP front door in one process, for local development'
            cand demo 'The whole async request-reply pattern in one command, with nothing else running'
            cand bench 'Measure throughput and latency of an endpoint under a standard workload'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dts-async;help;start'= {
        }
        &'dts-async;help;status'= {
        }
        &'dts-async;help;wait'= {
        }
        &'dts-async;help;list'= {
        }
        &'dts-async;help;history'= {
        }
        &'dts-async;help;raise-event'= {
        }
        &'dts-async;help;terminate'= {
        }
        &'dts-async;help;suspend'= {
        }
        &'dts-async;help;resume'= {
        }
        &'dts-async;help;restart'= {
        }
        &'dts-async;help;rewind'= {
        }
        &'dts-async;help;purge'= {
        }
        &'dts-async;help;serve-scheduler'= {
        }
        &'dts-async;help;serve-worker'= {
        }
        &'dts-async;help;serve-api'= {
        }
        &'dts-async;help;dev'= {
        }
        &'dts-async;help;demo'= {
        }
        &'dts-async;help;bench'= {
        }
        &'dts-async;help;completions'= {
        }
        &'dts-async;help;help'= {
        }
    ]
    $completions[$command]
}
