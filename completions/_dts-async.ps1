
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dts-async' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dts-async'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dts-async' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start an orchestration (the async operation by default) and print its id')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one instance')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for an instance to finish, showing its progress; the exit code says how it ended')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List instances by status, creation time and id prefix')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the history events of an instance')
            [CompletionResult]::new('raise-event', 'raise-event', [CompletionResultType]::ParameterValue, 'Send an external event to an instance')
            [CompletionResult]::new('terminate', 'terminate', [CompletionResultType]::ParameterValue, 'Terminate an instance (and its sub-orchestrations)')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend an instance')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a suspended instance')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Run a finished instance again with the same name and input')
            [CompletionResult]::new('rewind', 'rewind', [CompletionResultType]::ParameterValue, 'Rewind a failed instance so its failed steps run again')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete finished instances and their history')
            [CompletionResult]::new('serve-scheduler', 'serve-scheduler', [CompletionResultType]::ParameterValue, 'Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)')
            [CompletionResult]::new('serve-worker', 'serve-worker', [CompletionResultType]::ParameterValue, 'Run a Durable Task worker hosting the async operation (and the benchmark workloads)')
            [CompletionResult]::new('serve-api', 'serve-api', [CompletionResultType]::ParameterValue, 'Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP')
            [CompletionResult]::new('dev', 'dev', [CompletionResultType]::ParameterValue, 'Scheduler, worker and HTTP front door in one process, for local development')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The whole async request-reply pattern in one command, with nothing else running')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Measure throughput and latency of an endpoint under a standard workload')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dts-async;start' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Orchestration name')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Input: inline JSON, @file, or - for stdin')
            [CompletionResult]::new('--processing-time', '--processing-time', [CompletionResultType]::ParameterName, 'Shorthand for the sample''s input {"operation_id": <id>, "processing_time": N}')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Instance id [default: a new random id]')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag to keep with the instance (repeatable): key=value')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Orchestration version')
            [CompletionResult]::new('--start-at', '--start-at', [CompletionResultType]::ParameterName, 'Start no earlier than this: RFC 3339 time')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Start after this delay: 30s, 5m, 2h')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--reuse-existing', '--reuse-existing', [CompletionResultType]::ParameterName, 'If an instance with --id exists, use it instead of failing (exit 7); nothing is started twice')
            [CompletionResult]::new('--replace-finished', '--replace-finished', [CompletionResultType]::ParameterName, 'If an instance with --id exists and has finished, replace it with a new run')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the orchestration to finish, then exit as `wait` does')
            [CompletionResult]::new('--cancel-on-interrupt', '--cancel-on-interrupt', [CompletionResultType]::ParameterName, 'On Ctrl-C, terminate the orchestration instead of leaving it running')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;status' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--show-input', '--show-input', [CompletionResultType]::ParameterName, 'Show the input (text output; JSON output always has it)')
            [CompletionResult]::new('--show-output', '--show-output', [CompletionResultType]::ParameterName, 'Show the output (text output; JSON output always has it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;wait' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 4; the orchestration keeps running): 30s, 5m, 2h')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--cancel-on-interrupt', '--cancel-on-interrupt', [CompletionResultType]::ParameterName, 'On Ctrl-C, terminate the orchestration instead of leaving it running')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (repeatable or comma-separated): running, completed, failed, ...')
            [CompletionResult]::new('--created-after', '--created-after', [CompletionResultType]::ParameterName, 'Created at or after: RFC 3339 time, or a duration ago (2h)')
            [CompletionResult]::new('--created-before', '--created-before', [CompletionResultType]::ParameterName, 'Created before: RFC 3339 time, or a duration ago (2h)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only ids starting with this text')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many (0 for all)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--with-payloads', '--with-payloads', [CompletionResultType]::ParameterName, 'Include inputs and outputs (JSON output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;history' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;raise-event' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Event data: inline JSON, @file, or - for stdin')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;terminate' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'The reason, kept as the orchestration''s output')
            [CompletionResult]::new('--result', '--result', [CompletionResultType]::ParameterName, 'The orchestration''s output instead of a reason: inline JSON, @file, or -')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--no-recursive', '--no-recursive', [CompletionResultType]::ParameterName, 'Leave sub-orchestrations running')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;suspend' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (plain text, recorded in the history)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;resume' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (plain text, recorded in the history)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;restart' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--new-id', '--new-id', [CompletionResultType]::ParameterName, 'Run it under a new instance id instead of replacing the old one')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;rewind' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (plain text, recorded in the history)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;purge' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Delete finished instances with these statuses (repeatable or comma-separated)')
            [CompletionResult]::new('--created-after', '--created-after', [CompletionResultType]::ParameterName, 'Delete finished instances created at or after: RFC 3339 time or a duration ago (7d)')
            [CompletionResult]::new('--created-before', '--created-before', [CompletionResultType]::ParameterName, 'Delete finished instances created before: RFC 3339 time or a duration ago (7d)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Delete every finished instance')
            [CompletionResult]::new('--no-recursive', '--no-recursive', [CompletionResultType]::ParameterName, 'Keep sub-orchestrations')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;serve-scheduler' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (the emulator''s port by default)')
            [CompletionResult]::new('--taskhubs', '--taskhubs', [CompletionResultType]::ParameterName, 'Task hubs to serve, comma-separated; calls naming another hub get NOT_FOUND')
            [CompletionResult]::new('--lease-timeout', '--lease-timeout', [CompletionResultType]::ParameterName, 'How long a worker may hold an orchestration work item before it goes to another worker (a hung worker); e.g. 30s, 2m [default: 5m]')
            [CompletionResult]::new('--activity-lease-timeout', '--activity-lease-timeout', [CompletionResultType]::ParameterName, 'How long a worker may hold an activity before it goes to another worker [default: for as long as the worker''s stream stays open, since a long activity and a hung one look alike]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: scheduler.db under the user''s data directory]')
            [CompletionResult]::new('--sync', '--sync', [CompletionResultType]::ParameterName, 'Commit durability: full (every acknowledged write survives a power loss) or normal (survives a crash of the process, not of the machine)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Most detailed log level shown: error, warn, info, debug or trace')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--in-memory', '--in-memory', [CompletionResultType]::ParameterName, 'Keep nothing: a temporary database without fsync, deleted at exit')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;serve-worker' {
            [CompletionResult]::new('--max-concurrent-orchestrations', '--max-concurrent-orchestrations', [CompletionResultType]::ParameterName, 'Orchestration work items run at once [default: 100 per core]')
            [CompletionResult]::new('--max-concurrent-activities', '--max-concurrent-activities', [CompletionResultType]::ParameterName, 'Activity work items run at once [default: 100 per core]')
            [CompletionResult]::new('--shutdown-grace', '--shutdown-grace', [CompletionResultType]::ParameterName, 'After Ctrl-C or SIGTERM, how long in-flight work items may finish before they are handed back to the scheduler for another worker')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Most detailed log level shown: error, warn, info, debug or trace')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;serve-api' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (host:port); only loopback unless --allow-remote')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Require `Authorization: Bearer <key>` on every /api/ request')
            [CompletionResult]::new('--orchestration', '--orchestration', [CompletionResultType]::ParameterName, 'Orchestration started by POST /api/operations and /api/start-operation')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Longest hold of GET /api/operations/{id}?wait=N')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Most detailed log level shown: error, warn, info, debug or trace')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow listening on an address reachable from other machines (set --api-key too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;dev' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address of the scheduler''s gRPC endpoint (the emulator''s port by default)')
            [CompletionResult]::new('--api-listen', '--api-listen', [CompletionResultType]::ParameterName, 'Address of the HTTP front door (the sample''s port by default)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: scheduler.db under the user''s data directory]')
            [CompletionResult]::new('--sync', '--sync', [CompletionResultType]::ParameterName, 'Commit durability: full (every acknowledged write survives a power loss) or normal (survives a crash of the process, not of the machine)')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Most detailed log level shown: error, warn, info, debug or trace')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--in-memory', '--in-memory', [CompletionResultType]::ParameterName, 'Keep nothing: a temporary database without fsync, deleted at exit')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;demo' {
            [CompletionResult]::new('--operations', '--operations', [CompletionResultType]::ParameterName, 'How many operations to submit; operation n works for n + 1 seconds')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;bench' {
            [CompletionResult]::new('--workload', '--workload', [CompletionResultType]::ParameterName, 'The workload')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Orchestrations in the measured run')
            [CompletionResult]::new('--warmup', '--warmup', [CompletionResultType]::ParameterName, 'Orchestrations run first and left out of the figures')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Orchestrations in flight at once')
            [CompletionResult]::new('--connections', '--connections', [CompletionResultType]::ParameterName, 'Client connections shared by the in-flight orchestrations')
            [CompletionResult]::new('--sync', '--sync', [CompletionResultType]::ParameterName, 'Commit durability of the --embedded scheduler')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--embedded', '--embedded', [CompletionResultType]::ParameterName, 'Start an embedded scheduler in this process, on a temporary database (deleted at exit), instead of using --endpoint')
            [CompletionResult]::new('--no-worker', '--no-worker', [CompletionResultType]::ParameterName, 'Do not run a worker here: the workers already serving the task hub do the work (they must host the workload''s orchestrations)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;completions' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'gRPC endpoint: http:// or grpc:// for plaintext (port required), https:// or grpcs:// for TLS [default: http://localhost:8080]')
            [CompletionResult]::new('--taskhub', '--taskhub', [CompletionResultType]::ParameterName, 'Task hub name [default: default]')
            [CompletionResult]::new('--connection-string', '--connection-string', [CompletionResultType]::ParameterName, 'DTS connection string: Endpoint=...;TaskHub=...;Authentication=None|DefaultAzure|ManagedIdentity|...')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication [default: none for plaintext endpoints, default for TLS]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id of a user-assigned managed identity or service principal')
            [CompletionResult]::new('--token-resource', '--token-resource', [CompletionResultType]::ParameterName, 'Resource the token is asked for [default: https://durabletask.io]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dts-async;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start an orchestration (the async operation by default) and print its id')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show one instance')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for an instance to finish, showing its progress; the exit code says how it ended')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List instances by status, creation time and id prefix')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the history events of an instance')
            [CompletionResult]::new('raise-event', 'raise-event', [CompletionResultType]::ParameterValue, 'Send an external event to an instance')
            [CompletionResult]::new('terminate', 'terminate', [CompletionResultType]::ParameterValue, 'Terminate an instance (and its sub-orchestrations)')
            [CompletionResult]::new('suspend', 'suspend', [CompletionResultType]::ParameterValue, 'Suspend an instance')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a suspended instance')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Run a finished instance again with the same name and input')
            [CompletionResult]::new('rewind', 'rewind', [CompletionResultType]::ParameterValue, 'Rewind a failed instance so its failed steps run again')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete finished instances and their history')
            [CompletionResult]::new('serve-scheduler', 'serve-scheduler', [CompletionResultType]::ParameterValue, 'Run the embedded scheduler: a durable Durable Task server on SQLite (a drop-in for the emulator)')
            [CompletionResult]::new('serve-worker', 'serve-worker', [CompletionResultType]::ParameterValue, 'Run a Durable Task worker hosting the async operation (and the benchmark workloads)')
            [CompletionResult]::new('serve-api', 'serve-api', [CompletionResultType]::ParameterValue, 'Serve the HTTP front door: start, poll, wait for and cancel operations over HTTP')
            [CompletionResult]::new('dev', 'dev', [CompletionResultType]::ParameterValue, 'Scheduler, worker and HTTP front door in one process, for local development')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'The whole async request-reply pattern in one command, with nothing else running')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Measure throughput and latency of an endpoint under a standard workload')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dts-async;help;start' {
            break
        }
        'dts-async;help;status' {
            break
        }
        'dts-async;help;wait' {
            break
        }
        'dts-async;help;list' {
            break
        }
        'dts-async;help;history' {
            break
        }
        'dts-async;help;raise-event' {
            break
        }
        'dts-async;help;terminate' {
            break
        }
        'dts-async;help;suspend' {
            break
        }
        'dts-async;help;resume' {
            break
        }
        'dts-async;help;restart' {
            break
        }
        'dts-async;help;rewind' {
            break
        }
        'dts-async;help;purge' {
            break
        }
        'dts-async;help;serve-scheduler' {
            break
        }
        'dts-async;help;serve-worker' {
            break
        }
        'dts-async;help;serve-api' {
            break
        }
        'dts-async;help;dev' {
            break
        }
        'dts-async;help;demo' {
            break
        }
        'dts-async;help;bench' {
            break
        }
        'dts-async;help;completions' {
            break
        }
        'dts-async;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
