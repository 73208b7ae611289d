"""Story: the commentary's argument in eight steps, one idea and one control each, for a room."""

import streamlit as st

from pacnet_dashboard.figures.balloon import balloon_figure
from pacnet_dashboard.report.chart_text import icon_array_summary, icon_array_table
from pacnet_dashboard.report.story import STEPS
from pacnet_dashboard.ui import cache, presentation, session, story_view, views
from pacnet_dashboard.ui.notices import escape_markdown

number = story_view.current_step()
step = STEPS[number - 1]
story_view.navigation(number)

figure_col, side_col = st.columns([3, 1], gap="medium")
with side_col:
    value = story_view.control_value(step)
    playable = views.play_days("_story_play")
stage = step.stage(value)
reference, subject = cache.simulate_cached(stage.reference), cache.simulate_cached(stage.subject)

with figure_col:
    st.markdown(f"### {escape_markdown(step.message(reference, subject, value), limit=400)}")
    st.plotly_chart(balloon_figure(reference, subject, p_ref=session.p_ref(), labels=stage.labels,
                                   height=420 if presentation.presenting() else 470, large=presentation.presenting(),
                                   playable=playable),
                    key=f"story_{step.key}", config={"displayModeBar": False}, width="stretch", theme=None,
                    alt=views.BALLOON_ALT)
    views.chart_text(icon_array_summary(reference, subject, stage.labels),
                     lambda: icon_array_table(reference, subject, stage.labels), key=f"_story_table_{step.key}")
with side_col:
    with st.container(border=True):
        st.markdown(f"**Predict first.** {escape_markdown(step.predict(reference, value), limit=300)}")
        if st.toggle("Show the answer", key=f"_story_answer_{step.key}"):
            st.markdown(escape_markdown(step.answer(reference, subject, value), limit=300))
    if step.sandbox:
        story_view.sandbox_button(stage.subject)
    if step.key == "backfire":
        story_view.map_button(session.current_scenario())
    if st.toggle("Presenter notes", key="_story_notes"):
        st.markdown(escape_markdown(step.notes, limit=800))
