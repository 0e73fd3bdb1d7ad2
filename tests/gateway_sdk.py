"""Drives a running phiscrub gateway with the official `openai` and `anthropic` Python SDKs,
unchanged except for base_url and api_key. Run by tests/gateway.rs (GW_URL, GW_KEY, MOCK_URL
set by the test). Checks that answers come back re-identified and that the mock upstream never
received the PHI values.
"""
import json
import os
import urllib.request

import anthropic
import openai

GW = os.environ["GW_URL"]
KEY = os.environ["GW_KEY"]
MOCK = os.environ["MOCK_URL"]

NOTE = ("Pt Maria Gonzalez (MRN 00412345) seen 3/14/2023 by Dr. Alvarez; "
        "call daughter at 617-555-0134.")
PHI = ["Maria", "Gonzalez", "00412345", "3/14/2023", "Alvarez", "617-555-0134"]
checks = []


def check(name, cond, detail=""):
    checks.append(name)
    assert cond, f"{name}: {detail}"
    print(f"ok  {name}")


oa = openai.OpenAI(base_url=GW + "/v1", api_key=KEY, max_retries=0)

r = oa.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": NOTE}])
check("openai non-stream re-identified", r.choices[0].message.content == "Echo: " + NOTE,
      r.choices[0].message.content)
check("openai usage", r.usage is not None and r.usage.prompt_tokens > 0)

raw = oa.chat.completions.with_raw_response.create(
    model="gpt-test", messages=[{"role": "user", "content": NOTE}])
session = raw.headers.get("x-phiscrub-session")
check("session header returned", bool(session))

parts = []
usage = None
for chunk in oa.chat.completions.create(model="gpt-test", stream=True,
                                        stream_options={"include_usage": True},
                                        messages=[{"role": "user", "content": NOTE}]):
    if chunk.usage:
        usage = chunk.usage
    for c in chunk.choices:
        if c.delta.content:
            parts.append(c.delta.content)
check("openai stream re-identified", "".join(parts) == "Echo: " + NOTE, "".join(parts))
check("openai stream include_usage", usage is not None and usage.completion_tokens > 0)

tools = [{"type": "function", "function": {"name": "book", "description": "book a visit",
          "parameters": {"type": "object", "properties": {"note": {"type": "string"}}}}}]
r = oa.chat.completions.create(model="gpt-test", tools=tools,
                               messages=[{"role": "user", "content": NOTE}])
args = json.loads(r.choices[0].message.tool_calls[0].function.arguments)
check("openai tool call re-identified", args["note"] == "Echo: " + NOTE, args)

with oa.chat.completions.stream(model="gpt-test", tools=tools,
                                messages=[{"role": "user", "content": NOTE}]) as s:
    final = s.get_final_completion()
args = json.loads(final.choices[0].message.tool_calls[0].function.arguments)
check("openai streamed tool call re-identified", args["note"] == "Echo: " + NOTE, args)

try:
    oa.chat.completions.create(model="no-such-model", messages=[{"role": "user", "content": "x"}])
    check("openai error", False)
except openai.NotFoundError as e:
    check("openai error shape", e.status_code == 404 and e.code == "model_not_found", str(e))

models = [m.id for m in oa.models.list()]
check("openai models list", "gpt-test" in models, models)

an = anthropic.Anthropic(base_url=GW, api_key=KEY, max_retries=0)
m = an.messages.create(model="claude-test", max_tokens=100, system="Assistant for Dr. Alvarez.",
                       messages=[{"role": "user", "content": NOTE}])
check("anthropic non-stream re-identified", m.content[0].text == "Echo: " + NOTE, m.content[0].text)

with an.messages.stream(model="claude-test", max_tokens=100,
                        messages=[{"role": "user", "content": NOTE}]) as s:
    text = "".join(s.text_stream)
check("anthropic stream re-identified", text == "Echo: " + NOTE, text)

atools = [{"name": "book", "description": "book a visit",
           "input_schema": {"type": "object", "properties": {"note": {"type": "string"}}}}]
m = an.messages.create(model="claude-test", max_tokens=100, tools=atools,
                       messages=[{"role": "user", "content": NOTE}])
check("anthropic tool_use re-identified", m.content[0].input["note"] == "Echo: " + NOTE, m.content)

with an.messages.stream(model="claude-test", max_tokens=100, tools=atools,
                        messages=[{"role": "user", "content": NOTE}]) as s:
    final = s.get_final_message()
check("anthropic streamed tool_use re-identified",
      final.content[0].input["note"] == "Echo: " + NOTE, final.content)

# Cross-protocol: Anthropic SDK against an OpenAI upstream, streamed.
with an.messages.stream(model="gpt-test", max_tokens=100,
                        messages=[{"role": "user", "content": NOTE}]) as s:
    text = "".join(s.text_stream)
check("anthropic SDK via OpenAI upstream (translated stream)", text == "Echo: " + NOTE, text)

received = urllib.request.urlopen(MOCK + "/_mock/received").read().decode()
leaked = [p for p in PHI if p in received]
check("no PHI reached the upstream", not leaked, leaked)
print(f"{len(checks)} SDK checks passed")
