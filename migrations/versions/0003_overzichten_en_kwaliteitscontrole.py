"""overzichten en kwaliteitscontrole: obo, kwc_toestand, kwc_run, bestand

What the issue "Overviews and quality control" needs (spec sections 8, 9, 11): every OBO
made (``obo``, for the next verschillenlijst and OB02: unique per brin and day), the state a
weekly KWC run leaves for the next (``kwc_toestand``: first raised, for the 120-day rule of
KW05/KW06, and the KW27 peil), the history of runs per school for the dashboard chart
(``kwc_run``), and the generated files listed under ``/bestanden/{brin}`` (``bestand``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:59:19.415969
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bestand',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brin', sa.String(length=4), nullable=False),
    sa.Column('soort', sa.String(length=20), nullable=False),
    sa.Column('naam', sa.String(length=255), nullable=False),
    sa.Column('inhoud', sa.LargeBinary(), nullable=False),
    sa.Column('aangemaakt_op', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('brin', 'naam')
    )
    with op.batch_alter_table('bestand', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bestand_aangemaakt_op'), ['aangemaakt_op'], unique=False)

    op.create_table('kwc_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brin', sa.String(length=4), nullable=False),
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('uitgevoerd_op', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tellingen', sa.JSON(), nullable=False),
    sa.Column('inschrijvingen_1okt', sa.Integer(), nullable=False),
    sa.Column('met_nieuwe_periode', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kwc_run', schema=None) as batch_op:
        batch_op.create_index('ix_kwc_run_brin_datum', ['brin', 'datum'], unique=False)

    op.create_table('kwc_toestand',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brin', sa.String(length=4), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('sleutel', sa.String(length=80), nullable=False),
    sa.Column('kenmerk', sa.String(length=64), nullable=False),
    sa.Column('eerst_gezien', sa.Date(), nullable=False),
    sa.Column('laatst_gezien', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('brin', 'code', 'sleutel')
    )
    op.create_table('obo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('brin', sa.String(length=4), nullable=False),
    sa.Column('schooljaar', sa.String(length=9), nullable=False),
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('aangemaakt_op', sa.DateTime(timezone=True), nullable=False),
    sa.Column('bestandsnaam', sa.String(length=255), nullable=False),
    sa.Column('inhoud', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('brin', 'datum')
    )
    with op.batch_alter_table('obo', schema=None) as batch_op:
        batch_op.create_index('ix_obo_brin_schooljaar', ['brin', 'schooljaar', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('obo', schema=None) as batch_op:
        batch_op.drop_index('ix_obo_brin_schooljaar')

    op.drop_table('obo')
    op.drop_table('kwc_toestand')
    with op.batch_alter_table('kwc_run', schema=None) as batch_op:
        batch_op.drop_index('ix_kwc_run_brin_datum')

    op.drop_table('kwc_run')
    with op.batch_alter_table('bestand', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bestand_aangemaakt_op'))

    op.drop_table('bestand')
