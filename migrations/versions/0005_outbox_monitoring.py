"""outbox: monitoring reads the indexes, not the messages

The queue status (``/metrics``, ``/ops/status.json``, ``rod-service queue status``) counts
messages and failed attempts per administratie and state, and looks up each
administratie's last error. Without these indexes both read every row of the table,
message bodies included, so every scrape grew with the delivered history (issue "Scale and
performance", bench/RESULTS.md seventh pass):

- ``ix_outbox_administratie_status`` gets ``pogingen`` as its last column, so counting
  and summing per (administratie, state) is a scan of that index alone. The claim's head
  lookup (administratie, state, lowest id) uses it as before.
- ``ix_outbox_laatste_fout`` holds only the messages that have an error, so the last
  error per administratie is found among those.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

MET_FOUT = sa.text("laatste_fout IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_administratie_status')
        batch_op.create_index('ix_outbox_administratie_status', ['administratie_oin', 'status', 'id', 'pogingen'],
                              unique=False)
        batch_op.create_index('ix_outbox_laatste_fout', ['administratie_oin', 'laatste_poging_op'], unique=False,
                              sqlite_where=MET_FOUT, postgresql_where=MET_FOUT)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_laatste_fout')
        batch_op.drop_index('ix_outbox_administratie_status')
        batch_op.create_index('ix_outbox_administratie_status', ['administratie_oin', 'status', 'id'], unique=False)
