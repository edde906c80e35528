"""Weekly account summaries, written by Claude from the account's activity log."""
import anthropic

client = anthropic.Anthropic()

STYLE_GUIDE = """You write weekly account summaries for enterprise customers of Acme Cloud.
Structure every summary as: Highlights, Incidents, Spend, Recommendations.
Use plain English, short sentences, no marketing language. Numbers keep their units.
Highlights: at most three bullet points, each under twenty words.
Incidents: list each incident with its date, duration and customer impact; say "none" when there were none.
Spend: compare this week's spend with the four-week average and name the biggest mover.
Recommendations: at most two, each actionable within a week, each naming the setting or service to change.
Never include internal hostnames, ticket numbers or employee names.
"""


def summarize(account_name: str, activity_log: str) -> str:
    # promptmeter: 400/week
    message = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=1024,
        system=STYLE_GUIDE,
        messages=[
            {"role": "user", "content": f"Account: {account_name}\n\nActivity log:\n{activity_log}"},
        ],
    )
    return message.content[0].text
