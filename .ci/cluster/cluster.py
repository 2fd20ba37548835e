#!/usr/bin/env python3
"""Two-node cluster test (README "Two nodes and a killed one"), bounded to a few minutes.

Two nodes from the built jar share one new PostgreSQL database and one SMTP sink. The process owner deploys a stage
SLA table with 20-second budgets on the around-the-clock calendar, orders are booked through both nodes, node A is
killed with SIGKILL while their SLA timers are due and restarted later, and every order is then driven to its end
through both nodes. Checks: every order closed, the head of sales' level-2 reviews left open; every SLA rung
(warning, breach, level 2) of every stage visit fired exactly once, within 30 s of its due time (timers node A had
locked when it died included); every notification delivered exactly once to the SMTP sink; no incident, no failed
job. Prints a table and exits non-zero on a failure.

usage: cluster.py path/to/cjm-flow.jar    (stdlib only; needs psql and a PostgreSQL at 127.0.0.1:5432, user postgres)
"""
import base64
import json
import os
import re
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.abspath(sys.argv[1])
DB = f"cjm_cluster_{os.getpid()}"
ORDERS = int(os.environ.get("CLUSTER_ORDERS", "30"))
BUDGET_S = 20          # the SLA budget of every stage in the test table
BOUND_S = 30           # a timer of a killed node fires on the other within this
WORK = tempfile.mkdtemp(prefix="cjm-cluster-")

# The standard path (no reserve, no expert): who works each task and what they submit (as the cost benchmark does).
PATH = [
    ("anna", "Task_ConfirmBooking", {"reserveRequired": False}),
    ("anna", "Task_CheckBikeWithSeller", {"bikeCondition": "good", "photoUrl": "https://photos.example/1",
                                          "confirmedPriceEur": 1850, "sellerContact": "Hans"}),
    ("anna", "Task_PresentCheckReport", {"reportChannel": "whatsapp", "reportSummary": "All good"}),
    ("boris", "Task_RecordClientDecision", {"clientDecision": "buy", "expertInspection": False,
                                            "decisionReason": "Happy"}),
    ("booking", "Message_FullPaymentReceived", {}),
    ("anna", "Task_BuyOutBike", {"buyoutAmountEur": 1700, "buyoutReceiptRef": "B-1"}),
    ("anna", "Task_RecordSellerShipment", {"sellerCarrier": "DHL", "sellerTrackingNumber": "JD0146"}),
    ("vera", "Task_ReceiveBikeAtWarehouse", {"packageCondition": "intact"}),
    ("vera", "Task_RepackBike", {"packedWeightKg": 14.5, "packedSizeCm": "140x30x80"}),
    ("lev", "Task_ShipToRussia", {"russiaCarrier": "CDEK", "russiaTrackingNumber": "CD1234"}),
    ("lev", "Task_ConfirmDelivery", {"deliveryDate": "2026-12-10"}),
    ("anna", "Task_CloseOrder", {"clientRating": "5", "closingFeedback": "Great"}),
]

failures = []


def check(ok, message):
    print(("ok   " if ok else "FAIL ") + message, flush=True)
    if not ok:
        failures.append(message)


# --- SMTP sink: counts every delivered message by its Message-ID -------------------------------------------------
received = []
received_lock = threading.Lock()


class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("latin-1").strip().upper()
            if verb.startswith(("EHLO", "HELO")):
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb.startswith("DATA"):
                self.wfile.write(b"354 go on\r\n")
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                    data.append(chunk)
                text = b"".join(data).decode("utf-8", "replace")
                found = re.search(r"^Message-ID:\s*(\S+)", text, re.I | re.M)
                with received_lock:
                    received.append(found.group(1) if found else None)
                self.wfile.write(b"250 queued\r\n")
            elif verb.startswith("QUIT"):
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class ThreadedSmtp(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- database and HTTP helpers -----------------------------------------------------------------------------------
def psql(sql, db=DB):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-AtqX", "-F", "\t", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def scalar(sql):
    rows = psql(sql)
    return rows[0][0] if rows else None


ADMIN_PASSWORD = f"cluster-admin-{os.getpid()}"


def http(node, user, method, path, body=None, content_type="application/json", raw=None):
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(f"http://127.0.0.1:{node['port']}{path}", data=data, method=method)
    password = ADMIN_PASSWORD if user == "admin" else user
    request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


NODES = {}


def start(name, *extra):
    node = NODES.setdefault(name, {"name": name, "port": free_port(), "extra": list(extra)})
    log = open(os.path.join(WORK, f"{name}.log"), "a")
    env = dict(os.environ, CJM_DB_URL=f"jdbc:postgresql://127.0.0.1:5432/{DB}", CJM_DEMO_DATA="true",
               CJM_ADMIN_PASSWORD=ADMIN_PASSWORD)
    node["process"] = subprocess.Popen(
        ["java", "-Xmx768m", "-jar", JAR, "--spring.profiles.active=postgres", "--server.address=127.0.0.1",
         f"--server.port={node['port']}", "--spring.mail.host=127.0.0.1", f"--spring.mail.port={SMTP_PORT}",
         f"--spring.application.name=cjm-flow-{name}", *node["extra"]],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=WORK)
    deadline = time.time() + 240
    while time.time() < deadline:
        if node["process"].poll() is not None:
            raise SystemExit(f"node {name} exited at start-up; see {log.name}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{node['port']}/actuator/health/readiness", timeout=5)
            print(f"+ node {name} ready on port {node['port']}", flush=True)
            return node
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(1)
    raise SystemExit(f"node {name} not ready after 240 s; see {log.name}")


def kill(name):
    node = NODES[name]
    node["process"].send_signal(signal.SIGKILL)
    node["process"].wait()
    print(f"+ node {name} killed (SIGKILL)", flush=True)


def deploy_short_sla(node, budget=BUDGET_S):
    """The process owner deploys stage-sla with short budgets on the around-the-clock calendar."""
    with open(os.path.join(ROOT, "dmn", "stage-sla.dmn"), encoding="utf-8") as f:
        dmn = f.read()
    dmn = re.sub(r'(<outputEntry id="[^"]*_Duration"><text>)[^<]*', rf'\g<1>"PT{budget}S"', dmn)
    dmn = re.sub(r'(<outputEntry id="[^"]*_EscalateAfter"><text>)[^<]*', rf'\g<1>"PT{budget}S"', dmn)
    dmn = re.sub(r'(<outputEntry id="[^"]*_Calendar"><text>)[^<]*', r'\g<1>"always"', dmn)
    dmn = re.sub(r'(<outputEntry id="[^"]*_RemindEvery"><text>)[^<]*', r'\g<1>', dmn)
    boundary = "----cjmcluster"
    parts = []
    for name, value, filename in (("deployment-name", "cluster-test-sla", None),
                                  ("deploy-changed-only", "false", None),
                                  ("data", dmn, "stage-sla.dmn")):
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        parts.append(f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n{value}\r\n")
    raw = ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8")
    http(node, "olga", "POST", "/engine-rest/deployment/create", raw=raw,
         content_type=f"multipart/form-data; boundary={boundary}")


def book(node, i, run):
    return http(node, "booking", "POST", "/api/v1/crm/orders", {
        "externalId": f"cluster-{run}-{i}",
        "customer": {"name": f"Клиент {i}", "phone": f"+7 900 {run % 1000:03d} {i:04d}",
                     "email": f"cluster-{run}-{i}@example.ru", "tier": "standard"},
        "bike": {"title": "Canyon Ultimate CF SL", "sellerCountry": "DE", "priceEur": 1850},
        "reserveRequired": False, "expertInspection": False})


def drive(order, nodes):
    """Every step of the standard path, alternating the nodes; a task assigned by continuity is done by its holder.

    The head of sales' "Review SLA breach" tasks (level 2) stay open: they wait at process scope and hold no phase."""
    for step, (user, activity, values) in enumerate(PATH):
        node = nodes[step % len(nodes)]
        if activity.startswith("Message_"):
            http(node, user, "POST", "/engine-rest/message", {
                "messageName": "FullPaymentReceived", "businessKey": str(order["orderId"]),
                "processVariables": {"fullPaid": {"value": True, "type": "Boolean"}}})
            continue
        tasks = []
        for _ in range(50):
            tasks = http(node, user, "GET", f"/engine-rest/task?processInstanceId={order['processInstanceId']}"
                         f"&taskDefinitionKey={activity}")
            if tasks:
                break
            time.sleep(0.1)
        if not tasks:
            state = http(node, "galina", "GET", f"/api/v1/crm/orders/{order['orderId']}/cjm")
            raise AssertionError(f"order {order['orderId']}: no open {activity} for {user}; the order: "
                                 f"{json.dumps({k: state.get(k) for k in ('status', 'openTasks')}, ensure_ascii=False)}")
        task = tasks[0]
        worker = task.get("assignee") or user
        if not task.get("assignee"):
            http(node, worker, "POST", f"/engine-rest/task/{task['id']}/claim", {"userId": worker})
        variables = {k: {"value": f"{v}-{order['orderId']}" if k.endswith("TrackingNumber") else v}
                     for k, v in values.items()}
        http(node, worker, "POST", f"/engine-rest/task/{task['id']}/submit-form", {"variables": variables})


def suspend(node, suspended):
    """Suspends (or activates) the order flow's job definitions and their jobs, as an operator does in Cockpit."""
    http(node, "admin", "PUT", "/engine-rest/job-definition/suspended", {
        "processDefinitionKey": "order-flow", "suspended": suspended, "includeJobs": True})


def percentile(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    global SMTP_PORT
    SMTP_PORT = free_port()
    smtp = ThreadedSmtp(("127.0.0.1", SMTP_PORT), Smtp)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    psql(f"create database {DB}", db="postgres")
    started = time.time()
    try:
        # node A runs a single job thread: in a burst it holds acquired jobs in its queue, as a busy node does
        a = start("a", "--camunda.bpm.job-execution.core-pool-size=1", "--camunda.bpm.job-execution.max-pool-size=1")
        b = start("b")
        run = int(time.time())
        deploy_short_sla(a)
        # the orders' SLA timers are held back (job definitions suspended) so that they fall due together: a burst
        suspend(a, True)
        t0 = time.time()
        orders = [book(a if i % 2 == 0 else b, i, run) for i in range(ORDERS)]
        booked_at = time.time()
        print(f"+ {ORDERS} orders booked through both nodes in {booked_at - t0:.1f} s", flush=True)
        budgets = psql("select distinct extract(epoch from sla_due_at - entered_at)::int from "
                       "crm_order_stage_instances where left_at is null")
        check(budgets == [[str(BUDGET_S)]], f"every stage visit runs the {BUDGET_S}-second test budget on both nodes "
              f"({budgets})")
        # once the warnings and breaches of all orders are due: B pauses (SIGSTOP, like a long GC pause), the timers
        # are released, A acquires a burst and is killed with SIGKILL while it holds them; B resumes
        time.sleep(max(0.0, booked_at + BUDGET_S + 1 - time.time()))
        NODES["b"]["process"].send_signal(signal.SIGSTOP)
        suspend(a, False)
        released_at = time.time()
        locked = []
        for _ in range(200):
            locked = psql("select id_ from act_ru_job where lock_owner_ is not null")
            if locked:
                break
            time.sleep(0.05)
        kill("a")
        killed_at = time.time()
        locked = psql("select id_ from act_ru_job where lock_owner_ is not null and lock_exp_time_ > "
                      "current_timestamp")
        NODES["b"]["process"].send_signal(signal.SIGCONT)
        print(f"+ jobs locked by A when it died: {len(locked)}", flush=True)
        check(len(locked) > 0, f"node A died holding acquired timers ({len(locked)})")
        # B runs everything: A's jobs once their lock expires, and the level-2 escalations one budget later
        time.sleep(max(0.0, booked_at + 2 * BUDGET_S + BOUND_S + 5 - time.time()))
        a = start("a")
        nodes = [a, b]
        t1 = time.time()
        for i, order in enumerate(orders):
            drive(order, nodes[i % 2:] + nodes[:i % 2])
        print(f"+ {len(orders)} orders driven to their end through both nodes in {time.time() - t1:.1f} s",
              flush=True)
        # let the last due rungs fire and the outbox drain
        deadline = time.time() + 90
        while time.time() < deadline:
            pending = int(scalar("select count(*) from crm_notifications where status <> 'sent'"))
            due = int(scalar("select count(*) from act_ru_job where duedate_ < current_timestamp - interval '2 "
                             "seconds'"))
            if pending == 0 and due == 0:
                break
            time.sleep(1)

        closed = int(scalar("select count(*) from orders where status = 'closed'"))
        check(closed == len(orders), f"every order reached its end ({closed} of {len(orders)} closed)")
        reviews = int(scalar("select count(*) from act_ru_task where task_def_key_ like 'Task_Review%SlaBreach'"))
        check(reviews > 0, f"the orders closed while the head of sales' reviews of their level-2 escalations wait "
              f"({reviews} open)")
        late_locked = []
        for (job_id,) in locked:
            fired = psql(f"select extract(epoch from min(timestamp_)) from act_hi_job_log where job_id_ = '{job_id}' "
                         f"and job_state_ = 2 and timestamp_ > to_timestamp({killed_at})::timestamp")
            late_locked.append(float(fired[0][0]) - killed_at if fired and fired[0][0] else float("inf"))
        check(all(x <= BOUND_S for x in late_locked), f"every timer the killed node held ran on the other within "
              f"{BOUND_S} s of the kill (max {max(late_locked or [0]):.1f} s, {len(late_locked)} timers)")
        twice = psql("select order_id, stage, event_type, count(*) from crm_journey_events where event_type in "
                     "('sla_warned', 'sla_breached', 'sla_escalated') group by order_id, stage, event_type "
                     "having count(*) > 1")
        check(not twice, f"no SLA rung fired twice for a stage ({len(twice)} did)")
        # every rung due before the end fired: warning at 75 %, breach at the budget, level 2 one budget later
        missed = psql("""select id from crm_order_stage_instances where sla_due_at is not null
            and coalesce(left_at, current_timestamp) > sla_due_at + interval '1 second'
            and not is_sla_breached""")
        check(not missed, f"every breach that fell due fired ({len(missed)} stage visits missed one)")
        # how late each breach fired: after its due time, or after the release for the held-back ones
        lateness = [float(r[0]) for r in psql(
            f"select extract(epoch from sla_breached_at - greatest(sla_due_at, to_timestamp({released_at}))) from "
            f"crm_order_stage_instances where sla_breached_at is not null")]
        check(lateness and max(lateness) <= BOUND_S, f"every breach fired within {BOUND_S} s of its due time or "
              f"release (max {max(lateness or [0]):.1f} s)")
        incidents = int(scalar("select count(*) from act_ru_incident"))
        failed = int(scalar("select count(*) from act_ru_job where exception_msg_ is not null"))
        check(incidents == 0 and failed == 0, f"no incident, no failed job ({incidents} incidents, {failed} failed)")
        sent = psql("select message_id from crm_notifications where status = 'sent'")
        total = int(scalar("select count(*) from crm_notifications"))
        with received_lock:
            got = list(received)
        duplicates = len(got) - len(set(got))
        check(len(sent) == total and total > 0, f"every notification was sent ({len(sent)} of {total})")
        check(duplicates == 0 and len(got) == total, f"every notification reached the SMTP sink exactly once "
              f"({len(got)} messages for {total} notifications, {duplicates} duplicates)")

        print()
        print("| measure | value |")
        print("| --- | --: |")
        print(f"| orders / SLA budget | {len(orders)} / {BUDGET_S} s |")
        print(f"| timers node A held when killed / ran on B after the kill within (max) | {len(locked)} / "
              f"{max(late_locked or [0]):.2f} s |")
        print(f"| breaches fired | {len(lateness)} |")
        print(f"| breach lateness p50 / p99 / max | {percentile(lateness, 50):.2f} s / "
              f"{percentile(lateness, 99):.2f} s / {max(lateness or [0]):.2f} s |")
        print(f"| notifications delivered / duplicates | {len(got)} / {duplicates} |")
        print(f"| wall time | {time.time() - started:.0f} s |")
    finally:
        for node in NODES.values():
            if node.get("process") and node["process"].poll() is None:
                node["process"].terminate()
                try:
                    node["process"].wait(30)
                except subprocess.TimeoutExpired:
                    node["process"].kill()
        smtp.shutdown()
        if failures or sys.exc_info()[0] is not None:
            print(f"logs: {WORK}; database {DB} kept")
        else:
            psql(f"drop database if exists {DB} with (force)", db="postgres")
    print(f"{'FAILED' if failures else 'passed'}: {len(failures)} of the checks failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
