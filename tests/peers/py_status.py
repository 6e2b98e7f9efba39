"""The Python SDK's equivalent of `dts-async status <id>`, for the CLI benchmark.

Usage: python tests/peers/py_status.py HOST:PORT INSTANCE_ID

Reads one instance with `TaskHubGrpcClient.get_orchestration_state` in a fresh interpreter and
prints its runtime status, so a benchmark compares like with like: process start, imports,
channel, one GetInstance call, output.
"""

import sys

from durabletask.client import TaskHubGrpcClient


def main() -> None:
    address, instance_id = sys.argv[1], sys.argv[2]
    client = TaskHubGrpcClient(host_address=address)
    state = client.get_orchestration_state(instance_id)
    if state is None:
        print(f"instance {instance_id!r} not found", file=sys.stderr)
        sys.exit(5)
    print(state.runtime_status.name)


if __name__ == "__main__":
    main()
